namespace AlertWorker.Tests.Configuration;

/// <summary>A private copy of the repository's sample config/ in a temp folder, to break one file per test.</summary>
internal sealed class SampleConfigFolder : IDisposable
{
    public SampleConfigFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alertworker-config-" + Guid.NewGuid().ToString("N"));
        Copy(SourcePath, Path);
    }

    /// <summary>The sample config/ of the repository (found above the test binaries).</summary>
    public static string SourcePath { get; } = FindSample();

    public string Path { get; }

    public string FullPath(string relative) => System.IO.Path.Combine(Path, relative);

    public string[] ReadLines(string relative) => File.ReadAllLines(FullPath(relative));

    public void Write(string relative, string text) => File.WriteAllText(FullPath(relative), text);

    /// <summary>The 1-based line of the first line that starts with <paramref name="prefix"/>.</summary>
    public int LineOf(string relative, string prefix)
    {
        var index = Array.FindIndex(ReadLines(relative), l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{relative} has no line starting with '{prefix}'");
        return index + 1;
    }

    /// <summary>Replaces the first line starting with <paramref name="prefix"/>; returns its 1-based line.</summary>
    public int ReplaceLine(string relative, string prefix, string newLine)
    {
        var line = LineOf(relative, prefix);
        var lines = ReadLines(relative);
        lines[line - 1] = newLine;
        File.WriteAllText(FullPath(relative), string.Join("\n", lines) + "\n");
        return line;
    }

    /// <summary>Appends a line; returns its 1-based line.</summary>
    public int AppendLine(string relative, string newLine)
    {
        var lines = ReadLines(relative).Append(newLine).ToArray();
        File.WriteAllText(FullPath(relative), string.Join("\n", lines) + "\n");
        return lines.Length;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Path))
            System.IO.Directory.Delete(Path, recursive: true);
    }

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AlertWorker.sln")))
                return System.IO.Path.Combine(dir.FullName, "config");
        }
        throw new InvalidOperationException("the repository root (AlertWorker.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        foreach (var dir in System.IO.Directory.GetDirectories(from))
            Copy(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
    }
}
