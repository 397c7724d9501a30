namespace AlertWorker.Tests.Process;

/// <summary>
/// A config folder for load: a copy of the sample county with no feeds (nothing is planned on its
/// own) and <c>people</c> extra people, each with a phone of their own, so that a request at the
/// Twilio stand-in names its notification by its To. Shared by the crash test and the dispatch
/// benchmark (bench/AlertWorker.Bench links this file).
/// </summary>
public static class SyntheticCounty
{
    private const string PersonPrefix = "P-L";

    public static string PersonId(int index) => $"{PersonPrefix}{index:D6}";

    public static string Phone(int index) => $"+86139{index:D8}";

    /// <summary>The phone of a synthetic person, by id.</summary>
    public static string PhoneOf(string personId) =>
        Phone(int.Parse(personId[PersonPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes the folder; <paramref name="sampleConfig"/> is the repository's config/.</summary>
    public static void Write(string sampleConfig, string folder, int people)
    {
        Copy(sampleConfig, folder);
        File.WriteAllText(Path.Combine(folder, "feeds.yaml"), "feeds: []\n");
        var lines = Enumerable.Range(0, people).Select(i => $"{PersonId(i)},负载{i},{Phone(i)},,zh-CN,511829");
        File.AppendAllLines(Path.Combine(folder, "directory", "people.csv"), lines);
    }

    /// <summary>The repository's config/, found above <paramref name="start"/>.</summary>
    public static string FindSampleConfig(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AlertWorker.sln"))) return Path.Combine(dir.FullName, "config");
        }
        throw new InvalidOperationException("the repository root (AlertWorker.sln) was not found above " + start);
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in System.IO.Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
