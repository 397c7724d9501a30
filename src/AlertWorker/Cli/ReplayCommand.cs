using System.Globalization;
using AlertWorker.Configuration;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Warnings;
using AlertWorker.Warnings;

namespace AlertWorker.Cli;

/// <summary>
/// <c>replay [--config DIR] [--at ISO8601] [--format json|table] FILE...</c> (SPEC §2, §2.1): the
/// worker's intake with its I/O ends cut off. Files are taken in the order given, from an empty
/// history; nothing is read from or written to a database and nothing is sent.
/// </summary>
public static class ReplayCommand
{
    private const string UsageLine = "usage: AlertWorker replay [--config DIR] [--at ISO8601] [--format json|table] FILE...";

    private sealed record Arguments(string ConfigDirectory, DateTimeOffset? At, bool Json, IReadOnlyList<string> Files);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        if (!TryParse(args, out var arguments, out var error))
        {
            await stderr.WriteLineAsync($"replay: {error}");
            await stderr.WriteLineAsync(UsageLine);
            return CommandLine.Usage;
        }

        var config = ConfigLoader.Load(arguments.ConfigDirectory);
        if (!config.IsValid)
        {
            foreach (var problem in config.Problems) await stderr.WriteLineAsync(problem.ToString());
            await stderr.WriteLineAsync($"replay: the configuration in '{arguments.ConfigDirectory}' is not valid");
            return CommandLine.Usage;
        }

        var now = arguments.At ?? clock.GetUtcNow();
        var context = new MatchingContext(new Matcher(config.Value.Directory), config.Value.Policy);
        var ledger = new InMemoryWarningLedger();
        var outcomes = new List<WarningOutcome>();
        var rejected = new List<ReplayRejection>();
        foreach (var file in arguments.Files)
        {
            var content = ReadCapped(file, ParseOptions.DefaultMaxSize, out var readError);
            if (content is null)
            {
                rejected.Add(new ReplayRejection(file, readError!));
                continue;
            }
            var result = await WarningIntake.AcceptAsync(content, ParseOptions.Default, context, ledger, now, CancellationToken.None);
            if (result.Document.DocumentError is { } documentError)
                rejected.Add(new ReplayRejection(file, documentError));
            rejected.AddRange(result.Document.Rejections.Select(r => new ReplayRejection(file, r.ToString())));
            outcomes.AddRange(result.Outcomes);
        }

        await stdout.WriteAsync(arguments.Json
            ? ReplayReport.ToJson(outcomes, rejected) + Environment.NewLine
            : ReplayReport.ToTable(outcomes, rejected));
        return rejected.Count == 0 ? 0 : 1;
    }

    /// <summary>Reads at most <paramref name="maxSize"/> bytes; a longer input is refused without
    /// reading the rest (a device or a huge file never fills memory).</summary>
    private static byte[]? ReadCapped(string path, long maxSize, out string? error)
    {
        if (path.Length == 0)
        {
            error = "cannot read the file: the file name is empty";
            return null;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxSize)
                {
                    error = $"document over {maxSize} bytes";
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            error = null;
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the file: {ex.Message}";
            return null;
        }
    }

    /// <summary>ISO 8601 date and time with an offset or Z (seconds and fractions optional); a
    /// time without an offset is refused rather than guessed.</summary>
    private static bool TryParseIso8601(string? text, out DateTimeOffset value)
    {
        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        ];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryParse(string[] args, out Arguments arguments, out string error)
    {
        var configDirectory = CheckConfigCommand.DefaultConfigDirectory;
        DateTimeOffset? at = null;
        var json = true;
        var files = new List<string>();
        arguments = null!;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--config":
                    if (Value() is not { Length: > 0 } dir) { error = "--config needs a folder"; return false; }
                    configDirectory = dir;
                    break;
                case "--at":
                    var text = Value();
                    if (!TryParseIso8601(text, out var parsed))
                    {
                        error = $"--at '{text}' is not an ISO 8601 time with an offset (e.g. 2026-06-14T08:00:00+08:00)";
                        return false;
                    }
                    at = parsed;
                    break;
                case "--format":
                    var format = Value();
                    if (format is not ("json" or "table")) { error = $"--format '{format}' is not json or table"; return false; }
                    json = format == "json";
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal)) { error = $"unknown option '{arg}'"; return false; }
                    files.Add(arg);
                    break;
            }
        }
        if (files.Count == 0)
        {
            error = "no FILE given";
            return false;
        }
        arguments = new Arguments(configDirectory, at, json, files);
        return true;
    }
}
