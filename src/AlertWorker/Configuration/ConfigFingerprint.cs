using System.Security.Cryptography;

namespace AlertWorker.Configuration;

/// <summary>A hash over the names and bytes of the files the config loader reads, to tell
/// whether the folder changed since it was last read.</summary>
public static class ConfigFingerprint
{
    public static string Of(string configDirectory) => Hash(configDirectory, Files(configDirectory));

    /// <summary>The hash of the directory's CSV files alone: whether the directory changed since a version was read from it.</summary>
    public static string OfDirectory(string configDirectory) => Hash(configDirectory, Csvs(configDirectory).Order(StringComparer.Ordinal));

    private static string Hash(string configDirectory, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(configDirectory, file) + "\n"));
            try
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
            catch (IOException)
            {
                // A file being replaced right now: hash what can be read; the next round sees it whole.
                hash.AppendData("unreadable"u8);
            }
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IEnumerable<string> Csvs(string configDirectory)
    {
        var directory = Path.Combine(configDirectory, "directory");
        return System.IO.Directory.Exists(directory) ? System.IO.Directory.EnumerateFiles(directory, "*.csv") : [];
    }

    private static IEnumerable<string> Files(string configDirectory) =>
        Csvs(configDirectory)
            .Append(Path.Combine(configDirectory, "policy.yaml"))
            .Append(Path.Combine(configDirectory, "feeds.yaml"))
            .Append(Path.Combine(configDirectory, "users.yaml"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal);
}
