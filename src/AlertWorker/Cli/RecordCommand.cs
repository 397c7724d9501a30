using System.Data.Common;
using AlertWorker.Escalation;
using AlertWorker.Storage;

namespace AlertWorker.Cli;

/// <summary>
/// <c>record --warning KEY [--format csv|json]</c> (SPEC §2, §7): prints the 叫应 record of a stored
/// warning from the database of <c>ConnectionStrings:AlertWorker</c>, times in <c>AlertWorker:TimeZone</c>
/// (settings from appsettings.json beside the binary and the environment, as for the worker).
/// Exit 0, 1 when there is no such warning, 2 for a usage error.
/// </summary>
public static class RecordCommand
{
    public static async Task<int> RunAsync(string[] args, Stream stdout, TextWriter stderr, IConfiguration? settings = null)
    {
        if (!TryParse(args, out var key, out var format, out var error))
        {
            await stderr.WriteLineAsync($"record: {error}");
            await stderr.WriteLineAsync("usage: AlertWorker record --warning KEY [--format csv|json]");
            return CommandLine.Usage;
        }

        settings ??= new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var connectionString = StorageRegistration.ConnectionString(settings);
        var zoneId = settings["AlertWorker:TimeZone"] ?? "Asia/Shanghai";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            await stderr.WriteLineAsync($"record: AlertWorker:TimeZone '{zoneId}' is not a known IANA time zone");
            return CommandLine.Usage;
        }

        await using var database = SqlDialects.Open(connectionString);
        AnswerRecord? record;
        try
        {
            record = await new SqlAnswerRecordStore(database, new SqlDirectoryVersionStore(database)).LoadAsync(key, CancellationToken.None);
        }
        catch (DbException ex)
        {
            await stderr.WriteLineAsync($"record: cannot read the database ({ex.Message.ReplaceLineEndings(" ")})");
            return 1;
        }
        if (record is null)
        {
            await stderr.WriteLineAsync($"record: no warning '{key}' is stored");
            return 1;
        }
        await stdout.WriteAsync(AnswerRecordFormat.Write(record, format, zone));
        await stdout.FlushAsync();
        return 0;
    }

    private static bool TryParse(string[] args, out string key, out string format, out string error)
    {
        key = "";
        format = AnswerRecordFormat.Csv;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--warning" when value is not null:
                    key = value;
                    i++;
                    break;
                case "--format" when value is not null && AnswerRecordFormat.IsKnown(value):
                    format = value;
                    i++;
                    break;
                case "--format":
                    error = $"--format needs csv or json, not '{value}'";
                    return false;
                default:
                    error = args[i] == "--warning" ? "--warning needs a warning key" : $"unexpected argument '{args[i]}'";
                    return false;
            }
        }
        if (key.Length == 0) error = "--warning KEY is required";
        return key.Length > 0;
    }
}
