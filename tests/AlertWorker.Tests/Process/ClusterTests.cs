using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AlertWorker.Tests.Process;

/// <summary>
/// Two workers as separate OS processes on one PostgreSQL (issue 5, SPEC §10): they share 5,000 SMS
/// notifications and a feed polled every 2 s, one is SIGKILLed in the middle and the other finishes.
/// Twilio's "sent" callback for each message reaches whichever instance is up behind the public URL,
/// as it would through a load balancer. Real time, bounded: every wait polls for a condition. The
/// instances send from different Twilio numbers, so the stand-in tells whose request each was.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const int Notifications = 5_000;
    private const int Concurrency = 16;
    private const string FromA = "+15005550006";
    private const string FromB = "+15005550007";
    private static readonly TimeSpan FeedInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(180);

    /// <summary>Each instance at most 200 SMS a second, so that the work outlasts both starts and the kill falls in the middle.</summary>
    private static readonly string[] WorkerArgs =
    [
        "--Twilio:MessagesPerSecond=200",
        $"--Dispatch:Concurrency={Concurrency}",
        "--Dispatch:BatchSize=50",
        "--Dispatch:Lease=00:00:05",
        "--Dispatch:PollInterval=00:00:00.200",
    ];

    [Theory, PostgresData]
    public async Task TwoWorkers_OneKilledMidWork_EachNotificationSentOnceEachPollOncePerInterval(SqlDialect dialect)
    {
        using var bound = new CancellationTokenSource(Bound);
        await using var db = await TempDatabase.CreateAsync(dialect);
        await using var feed = await FeedStandIn.StartAsync();
        var config = Path.Combine(db.Folder, "config");
        SyntheticCounty.Write(SyntheticCounty.FindSampleConfig(AppContext.BaseDirectory), config, Notifications);
        await File.WriteAllTextAsync(Path.Combine(config, "feeds.yaml"),
            $"""
            feeds:
              - id: cluster-feed
                kind: geohazard-geojson
                url: {feed.Url}
                interval: {FeedInterval.TotalSeconds:0}s
                timeout: {FeedInterval.TotalSeconds:0}s
                staleAfter: 1h
            """);
        await SyntheticLoad.SeedAsync(db, Notifications, "cluster-test");

        // every request as it arrives: its To, its From (the instance) and the run (1 while both live, 2 after the kill)
        var requests = new ConcurrentQueue<(string To, string From, int Run)>();
        var run = 1;
        var instances = new ConcurrentDictionary<string, Uri>();
        await using var callbacks = new StatusCallbacks(() => instances.Values.ToList());
        await using var twilio = await TwilioKestrelStandIn.StartAsync(created =>
        {
            requests.Enqueue((created.To, created.From, Volatile.Read(ref run)));
            callbacks.Post(created);
        });

        using var b = WorkerProcess.Start(db, config, twilio.Url, output, WorkerArgs, FromB, "instance B");
        _ = b.Listening.ContinueWith(t => instances["B"] = t.Result, TaskContinuationOptions.OnlyOnRanToCompletion);
        HashSet<string> acceptedAtKill;
        int pollsAtKill;
        using (var a = WorkerProcess.Start(db, config, twilio.Url, output, WorkerArgs, FromA, "instance A"))
        {
            _ = a.Listening.ContinueWith(t => instances["A"] = t.Result, TaskContinuationOptions.OnlyOnRanToCompletion);
            // both sending, well into the work, and the feed polled a few times
            await a.WaitAsync(SyntheticLoad.UntilAsync(() => Task.FromResult(
                requests.Count(r => r.From == FromA) >= 100 && requests.Count(r => r.From == FromB) >= 100
                && requests.Count >= 1_500 && feed.Polls.Count >= 3), bound.Token), bound.Token);
            a.Kill();
            pollsAtKill = feed.Polls.Count;
            acceptedAtKill = (await SyntheticLoad.AcceptedAsync(db)).ToHashSet(StringComparer.Ordinal);
            Volatile.Write(ref run, 2);
        }
        var requestedBeforeKill = requests.Count;
        output.WriteLine($"instance A killed after {requestedBeforeKill} requests ({requests.Count(r => r.From == FromA)} its own); " +
                         $"{acceptedAtKill.Count} deliveries recorded accepted by then; {pollsAtKill} feed polls");

        await b.WaitAsync(SyntheticLoad.UntilAsync(async () => (await SyntheticLoad.AcceptedAsync(db)).Count == Notifications && feed.Polls.Count >= pollsAtKill + 2, bound.Token),
            bound.Token);

        await callbacks.DrainAsync();
        var states = await SyntheticLoad.QueryAsync<(string State, long Count)>(db, "SELECT state, COUNT(*) FROM deliveries GROUP BY state");
        var byTo = requests.GroupBy(r => r.To).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var duplicates = byTo.Where(r => r.Value.Count > 1).ToList();
        var polls = feed.Polls.ToList();
        var gaps = polls.Zip(polls.Skip(1), (x, y) => Stopwatch.GetElapsedTime(x, y)).ToList();
        output.WriteLine($"{requests.Count} provider requests for {Notifications} notifications, {duplicates.Count} duplicates; " +
                         $"{callbacks.Recorded} status callbacks taken, {callbacks.Lost} lost; " +
                         $"{polls.Count} feed polls, gaps {gaps.Min().TotalSeconds:0.00}-{gaps.Max().TotalSeconds:0.00} s");

        Assert.Equal([("accepted", (long)Notifications)], states);
        Assert.Equal(0, callbacks.Lost);
        // each notification requested exactly once, whichever instance sent it: the killed instance's sends it never
        // recorded were recorded by their "sent" callback at the other, before its lease ran out
        Assert.Equal(Enumerable.Range(0, Notifications).Select(SyntheticCounty.Phone).Order(), byTo.Keys.Order());
        Assert.All(byTo, r => Assert.True(r.Value.Count == 1, $"{r.Key}: {string.Join(", ", r.Value)}"));
        Assert.DoesNotContain(requests, r => r.Run == 2 && acceptedAtKill.Contains(r.To));
        // the feed is polled by one instance per firing, and never again within half an interval (the requests
        // may come a quarter apart: a poll's own request can be slower than the next one's); one per interval
        Assert.All(gaps, gap => Assert.True(gap >= FeedInterval / 4, $"two polls {gap.TotalMilliseconds:0} ms apart"));
        Assert.InRange(polls.Count, 2, (int)(Stopwatch.GetElapsedTime(polls[0], polls[^1]) / FeedInterval) + 2);
    }

    /// <summary>Serves the sample geohazard forecast (expired by the real clock: it plans nothing) and notes when each poll came.</summary>
    private sealed class FeedStandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FeedStandIn(WebApplication app) => _app = app;

        public ConcurrentQueue<long> Polls { get; } = new();

        public string Url => _app.Urls.First() + "/geohazard.geojson";

        public static async Task<FeedStandIn> StartAsync()
        {
            var body = await File.ReadAllBytesAsync(Path.Combine(SyntheticCounty.FindSampleConfig(AppContext.BaseDirectory), "samples", "qinglan-geohazard-risk.geojson"));
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var feed = new FeedStandIn(app);
            app.MapGet("/geohazard.geojson", () =>
            {
                feed.Polls.Enqueue(Stopwatch.GetTimestamp());
                return Results.Bytes(body, "application/geo+json");
            });
            await app.StartAsync();
            return feed;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
