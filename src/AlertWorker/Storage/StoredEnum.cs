namespace AlertWorker.Storage;

/// <summary>Enums as the tables spell them: the same camelCase word as in the stored JSON.</summary>
internal static class StoredEnum
{
    public static string Name<T>(T value) where T : struct, Enum => StorageJson.Write(value).Trim('"');

    public static T Parse<T>(string name) where T : struct, Enum => StorageJson.Read<T>($"\"{name}\"");
}
