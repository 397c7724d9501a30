using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Matching;
using AlertWorker.Tests.Process;
using AlertWorker.Warnings;

namespace AlertWorker.Bench;

/// <summary>
/// Durable dispatch throughput and latency (issues 3 and 5): the real dispatcher and Twilio SMS sender
/// on the shipped stores, sending to a bare Kestrel stand-in with rate limits off; on a SQLite file
/// with the shipped settings, or with <see cref="Settings.Postgres"/> on databases of its own created
/// on that PostgreSQL server.
/// Throughput counts provider-confirmed sends only (deliveries recorded accepted / wall time);
/// latency runs from a warning's outcome being stored to the first provider request for it, with
/// warnings arriving while the dispatcher loop runs.
/// </summary>
internal sealed class DispatchBenchmark(DispatchBenchmark.Settings settings, TextWriter output)
{
    /// <param name="Postgres">A PostgreSQL server (a connection string whose user may create databases), or null for SQLite.</param>
    public sealed record Settings(int Notifications, IReadOnlyList<int> Concurrency, int Warnings, int PerWarning, TimeSpan Arrival,
        TimeSpan? PollInterval, string? Postgres = null);

    /// <summary>One line of the table: confirmed sends per second and first-request latency at one concurrency.</summary>
    public sealed record Row(int Concurrency, long Accepted, TimeSpan Elapsed, double P50, double P99, string Timings)
    {
        public double SendsPerSecond => Accepted / Elapsed.TotalSeconds;
    }

    private const int PerSeedWarning = 1_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, long> _firstRequest = new(StringComparer.Ordinal);
    private long _requests;

    /// <summary>Prints the table and returns its rows.</summary>
    public async Task<IReadOnlyList<Row>> RunAsync()
    {
        var rows = new List<Row>();
        var people = Math.Max(settings.Notifications, settings.Warnings * settings.PerWarning);
        var configDirectory = Path.Combine(Path.GetTempPath(), "alertworker-bench", "config-" + Guid.NewGuid().ToString("N"));
        SyntheticCounty.Write(SyntheticCounty.FindSampleConfig(AppContext.BaseDirectory), configDirectory, people);
        try
        {
            var live = Load(configDirectory);
            await using var twilio = await TwilioKestrelStandIn.StartAsync(to =>
            {
                Interlocked.Increment(ref _requests);
                _firstRequest.TryAdd(to, Stopwatch.GetTimestamp());
            });

            var shipped = new DispatchOptions();
            output.WriteLine($"AlertWorker dispatch benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
            output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
                             $"{RuntimeInformation.ProcessArchitecture}");
            output.WriteLine(settings.Postgres is { } server
                ? $"{await BenchDatabase.DescribeServerAsync(server)}; a new database per run, dropped after it"
                : "SQLite as shipped (WAL, synchronous=NORMAL, busy_timeout=5000)");
            output.WriteLine($"SMS through TwilioSmsSender to a bare Kestrel stand-in; " +
                             $"rate limits off; batch {shipped.BatchSize}, poll interval {(settings.PollInterval ?? shipped.PollInterval).TotalMilliseconds:0} ms");
            output.WriteLine($"throughput: {settings.Notifications} SMS deliveries queued, drained by DeliveryDispatcher rounds; " +
                             $"latency: {settings.Warnings} warnings x {settings.PerWarning} SMS, one every {settings.Arrival.TotalMilliseconds:0} ms, DispatchLoop running");
            output.WriteLine();

            await ThroughputAsync(live, configDirectory, twilio.Url, shipped.Concurrency, Math.Min(1_000, settings.Notifications));
            output.WriteLine("| concurrency | confirmed sends | wall time | confirmed sends/s | latency p50 | latency p99 | where the time goes |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
            foreach (var concurrency in settings.Concurrency)
            {
                var (accepted, elapsed, timings) = await ThroughputAsync(live, configDirectory, twilio.Url, concurrency, settings.Notifications);
                var (p50, p99) = await LatencyAsync(live, configDirectory, twilio.Url, concurrency);
                rows.Add(new Row(concurrency, accepted, elapsed, p50, p99, timings));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {concurrency}{(concurrency == shipped.Concurrency ? " (shipped)" : "")} | {accepted} | {elapsed.TotalSeconds:0.00} s | " +
                    $"{accepted / elapsed.TotalSeconds:0} | {p50:0} ms | {p99:0} ms | {timings} |"));
            }
        }
        finally
        {
            System.IO.Directory.Delete(configDirectory, recursive: true);
        }
        return rows;
    }

    /// <summary>Queues <paramref name="notifications"/> SMS deliveries, then runs dispatch rounds until none is due.</summary>
    private async Task<(long Accepted, TimeSpan Elapsed, string Timings)> ThroughputAsync(
        LiveConfig live, string configDirectory, string twilioUrl, int concurrency, int notifications)
    {
        await using var rig = await DispatchRig.CreateAsync(settings.Postgres, live, configDirectory, twilioUrl, Options(concurrency));
        for (var first = 0; first < notifications; first += PerSeedWarning)
        {
            await rig.SaveWarningAsync($"throughput-{first}", Enumerable.Range(first, Math.Min(PerSeedWarning, notifications - first)));
        }

        var requestsBefore = Interlocked.Read(ref _requests);
        var cpu = CpuMeter.Start(rig.Postmaster);
        var clock = Stopwatch.StartNew();
        while (await rig.Dispatcher.RunRoundAsync(CancellationToken.None) > 0)
        {
        }
        clock.Stop();
        var cpuPerSend = cpu.PerItem(notifications);

        var accepted = await rig.CountAsync("accepted");
        var requested = Interlocked.Read(ref _requests) - requestsBefore;
        if (accepted != notifications || requested != notifications)
            throw new InvalidOperationException($"{notifications} queued, {requested} requested, {accepted} recorded accepted");
        return (accepted, clock.Elapsed, $"{rig.Timings}; {cpuPerSend}");
    }

    /// <summary>Stores warnings one by one while the dispatch loop runs; per warning, the time from stored to its first provider request.</summary>
    private async Task<(double P50, double P99)> LatencyAsync(LiveConfig live, string configDirectory, string twilioUrl, int concurrency)
    {
        await using var rig = await DispatchRig.CreateAsync(settings.Postgres, live, configDirectory, twilioUrl, Options(concurrency));
        _firstRequest.Clear();
        using var stop = new CancellationTokenSource();
        await rig.Loop.StartAsync(stop.Token);

        var stored = new long[settings.Warnings];
        for (var w = 0; w < settings.Warnings; w++)
        {
            await rig.SaveWarningAsync($"latency-{w}", Enumerable.Range(w * settings.PerWarning, settings.PerWarning));
            stored[w] = Stopwatch.GetTimestamp();
            await Task.Delay(settings.Arrival);
        }

        var total = settings.Warnings * settings.PerWarning;
        var waited = Stopwatch.StartNew();
        while (await rig.CountAsync("accepted") < total)
        {
            if (waited.Elapsed > Patience) throw new TimeoutException($"the latency run did not finish within {Patience}");
            await Task.Delay(50);
        }
        await rig.Loop.StopAsync(CancellationToken.None);

        var latencies = Enumerable.Range(0, settings.Warnings)
            .Select(w => Enumerable.Range(w * settings.PerWarning, settings.PerWarning).Min(i => _firstRequest[SyntheticCounty.Phone(i)]) - stored[w])
            .Select(ticks => Math.Max(0, ticks) * 1000.0 / Stopwatch.Frequency)
            .Order()
            .ToList();
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private DispatchOptions Options(int concurrency)
    {
        var options = new DispatchOptions { Concurrency = concurrency, InstanceId = "bench" };
        if (settings.PollInterval is { } poll) options.PollInterval = poll;
        return options;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static LiveConfig Load(string configDirectory)
    {
        var loaded = ConfigLoader.Load(configDirectory);
        if (loaded.Value is not { } config)
            throw new InvalidOperationException("the benchmark config does not load: " + string.Join("; ", loaded.Problems));
        var live = new LiveConfig();
        live.Apply(new LiveConfig.Applied(config, new MatchingContext(new Matcher(config.Directory), config.Policy), 1, TimeProvider.System.GetUtcNow()),
            "bench");
        return live;
    }
}
