using System.Buffers;
using System.Text.Unicode;

namespace AlertWorker.Configuration;

/// <summary>Reads config files as UTF-8 text (with or without a BOM), reporting a missing file or
/// bytes that are not UTF-8 (Excel's default "CSV" in a Chinese locale is GB18030) as problems.</summary>
internal static class ConfigFileReader
{
    /// <summary>The file's text, or null after adding a problem. <paramref name="relativePath"/> uses '/'.</summary>
    public static string? ReadText(string configDirectory, string relativePath, ICollection<ConfigProblem> problems)
    {
        var path = Path.Combine(configDirectory, relativePath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add(new ConfigProblem(relativePath, 0, "file not found"));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ConfigProblem(relativePath, 0, $"cannot read the file: {ex.Message}"));
            return null;
        }
        return Decode(bytes, relativePath, problems);
    }

    public static string? Decode(ReadOnlySpan<byte> bytes, string relativePath, ICollection<ConfigProblem> problems)
    {
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var line = bytes[..read].Count((byte)'\n') + 1;
            problems.Add(new ConfigProblem(relativePath, line,
                "the file is not UTF-8 text (save it as UTF-8; in Excel: 'CSV UTF-8')"));
            return null;
        }
        return new string(chars, 0, written);
    }
}
