using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>The real feed documents copied to the test output (tests/fixtures, see SOURCES.md).</summary>
internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Root, relativePath));

    public static ParsedDocument Parse(string relativePath, ParseOptions? options = null) =>
        DocumentParser.Parse(Bytes(relativePath), options ?? ParseOptions.Default);

    /// <summary>Every data file, as a path relative to the fixtures folder with '/' separators.</summary>
    public static IReadOnlyList<string> AllDataFiles() =>
        System.IO.Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => f.Contains('/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
