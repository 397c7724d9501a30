using System.Globalization;
using AlertWorker.Bench;

// AlertWorker benchmarks (bench/README.md). One so far:
//   dotnet run -c Release --project bench/AlertWorker.Bench -- dispatch [--notifications 20000]
//     [--concurrency 16,4,64] [--warnings 200] [--per-warning 10] [--arrival-ms 20] [--poll-ms N]
const string Usage = "usage: AlertWorker.Bench dispatch [--notifications N] [--concurrency C1,C2,...] [--warnings N] [--per-warning N] " +
                     "[--arrival-ms N] [--poll-ms N]";
if (args.Length == 0 || args[0] != "dispatch" || args.Length % 2 == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2) options[args[i]] = args[i + 1];
string[] known = ["--notifications", "--concurrency", "--warnings", "--per-warning", "--arrival-ms", "--poll-ms"];
if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
{
    Console.Error.WriteLine($"unknown option '{unknown}'; {Usage}");
    return 2;
}

int Number(string name, int fallback) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

var settings = new DispatchBenchmark.Settings(
    Notifications: Number("--notifications", 20_000),
    Concurrency: options.TryGetValue("--concurrency", out var list)
        ? list.Split(',').Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture)).ToList()
        : [16, 4, 64],
    Warnings: Number("--warnings", 200),
    PerWarning: Number("--per-warning", 10),
    Arrival: TimeSpan.FromMilliseconds(Number("--arrival-ms", 20)),
    PollInterval: options.ContainsKey("--poll-ms") ? TimeSpan.FromMilliseconds(Number("--poll-ms", 0)) : null);
await new DispatchBenchmark(settings, Console.Out).RunAsync();
return 0;
