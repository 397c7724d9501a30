using System.Globalization;
using AlertWorker.Bench;
using AlertWorker.Bench.Province;

// AlertWorker benchmarks (bench/README.md):
//   dotnet run -c Release --project bench/AlertWorker.Bench -- dispatch [--pg CONNECTION] [--notifications 20000]
//     [--concurrency 16,4,64] [--warnings 200] [--per-warning 10] [--arrival-ms 20] [--poll-ms N]
//     (without --pg on SQLite; with it on databases of its own created on that PostgreSQL server)
//   dotnet run -c Release --project bench/AlertWorker.Bench -- province [--pg CONNECTION] [--seed N]
//     [--points 300000] [--people 600000] [--alerts 1000] [--dispatch yes|no]
//   (bench/run-province.sh starts its own PostgreSQL + PostGIS and passes --pg)
//   dotnet run -c Release --project bench/AlertWorker.Bench -- ingest [--seed N] [--points N] [--alerts N] [--runs 30]
//     (the ingest measurement of `province` alone: no directory load, no PostgreSQL)
const string Usage = "usage: AlertWorker.Bench dispatch [--pg CONNECTION-STRING] [--notifications N] [--concurrency C1,C2,...] [--warnings N] [--per-warning N] " +
                     "[--arrival-ms N] [--poll-ms N]\n" +
                     "       AlertWorker.Bench province [--pg CONNECTION-STRING] [--seed N] [--points N] [--people N] [--alerts N] [--dispatch yes|no]\n" +
                     "       AlertWorker.Bench ingest [--seed N] [--points N] [--alerts N] [--runs N]";
string[] commands = ["dispatch", "province", "ingest"];
if (args.Length == 0 || !commands.Contains(args[0]) || args.Length % 2 == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2) options[args[i]] = args[i + 1];
string[] known = args[0] switch
{
    "dispatch" => ["--pg", "--notifications", "--concurrency", "--warnings", "--per-warning", "--arrival-ms", "--poll-ms"],
    "ingest" => ["--seed", "--points", "--alerts", "--runs"],
    _ => ["--pg", "--seed", "--points", "--people", "--alerts", "--dispatch"],
};
if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
{
    Console.Error.WriteLine($"unknown option '{unknown}' for {args[0]}; {Usage}");
    return 2;
}

int Number(string name, int fallback)
{
    if (!options.TryGetValue(name, out var text)) return fallback;
    if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
    throw new UsageException($"{name} '{text}' is not a whole number");
}

try
{
    if (args[0] == "ingest")
    {
        var ingest = new ProvinceBenchmark.Settings(
            Seed: Number("--seed", 20261127),
            HazardPoints: Number("--points", 300_000),
            People: 600_000, // the generated alerts are the same as in `province` only with the same province
            Alerts: Number("--alerts", 1_000),
            Postgres: null,
            Dispatch: false,
            IngestRuns: Number("--runs", 30));
        return new ProvinceBenchmark(ingest, Console.Out).RunIngest();
    }
    if (args[0] == "province")
    {
        var dispatch = options.GetValueOrDefault("--dispatch", "yes");
        if (dispatch is not ("yes" or "no")) throw new UsageException($"--dispatch '{dispatch}' is not yes or no");
        var province = new ProvinceBenchmark.Settings(
            Seed: Number("--seed", 20261127),
            HazardPoints: Number("--points", 300_000),
            People: Number("--people", 600_000),
            Alerts: Number("--alerts", 1_000),
            Postgres: options.GetValueOrDefault("--pg"),
            Dispatch: dispatch == "yes");
        return await new ProvinceBenchmark(province, Console.Out).RunAsync();
    }

    if (options.TryGetValue("--pg", out var server) && AlertWorker.Storage.SqlDialects.Of(server) != AlertWorker.Storage.SqlDialect.PostgreSql)
        throw new UsageException($"--pg '{server}' is no PostgreSQL connection string (it names no Host)");
    var settings = new DispatchBenchmark.Settings(
        Notifications: Number("--notifications", 20_000),
        Concurrency: options.TryGetValue("--concurrency", out var list)
            ? list.Split(',').Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture)).ToList()
            : [16, 4, 64],
        Warnings: Number("--warnings", 200),
        PerWarning: Number("--per-warning", 10),
        Arrival: TimeSpan.FromMilliseconds(Number("--arrival-ms", 20)),
        PollInterval: options.ContainsKey("--poll-ms") ? TimeSpan.FromMilliseconds(Number("--poll-ms", 0)) : null,
        Postgres: options.GetValueOrDefault("--pg"));
    await new DispatchBenchmark(settings, Console.Out).RunAsync();
    return 0;
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"{ex.Message}; {Usage}");
    return 2;
}
catch (Npgsql.NpgsqlException ex)
{
    Console.Error.WriteLine($"PostgreSQL: {ex.Message}");
    return 1;
}

/// <summary>A bad command-line value: printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
