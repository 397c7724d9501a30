using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using AlertWorker.Tests.Dispatch;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Warnings;
using AlertWorker.Tests.Configuration;
using AlertWorker.Warnings;
using AlertWorker.Feeds;
using AlertWorker.Hosting;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Hosting;

public class HealthReportTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CheckAsync_FeedSucceededRecently_Healthy()
    {
        await using var db = await DatabaseWithSuccessAtStart();
        var clock = new FakeTimeProvider(Start);

        var (status, body) = await Report(db.Database, clock).CheckAsync(CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Equal("Healthy", body.Status);
        Assert.False(Assert.Single(body.Feeds).Stale);
    }

    [Fact]
    public async Task CheckAsync_NoSuccessForLongerThanStaleAfter_DegradedAndStale()
    {
        await using var db = await DatabaseWithSuccessAtStart();
        var clock = new FakeTimeProvider(Start);
        clock.Advance(Feed.StaleAfter + TimeSpan.FromSeconds(1));

        var (status, body) = await Report(db.Database, clock).CheckAsync(CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Equal("Degraded", body.Status);
        Assert.True(Assert.Single(body.Feeds).Stale);
    }

    [Fact]
    public async Task CheckAsync_BrokenEditWhileRunning_DegradedWithItsProblems()
    {
        await using var db = await DatabaseWithSuccessAtStart();
        var live = SampleLiveConfig();
        live.Reject([new ConfigProblem("directory/people.csv", 14, "phone '+86138' is not a valid E.164 number")], "sha256:broken");

        var (status, body) = await Report(db.Database, new FakeTimeProvider(Start), live).CheckAsync(CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Equal("Degraded", body.Status);
        Assert.Equal(1, body.Config.DirectoryVersion);
        Assert.Equal("directory/people.csv:14: phone '+86138' is not a valid E.164 number", Assert.Single(body.Config.Problems));
    }

    [Fact]
    public async Task CheckAsync_NoValidConfigEver_Unhealthy503()
    {
        await using var db = await DatabaseWithSuccessAtStart();

        var (status, body) = await Report(db.Database, new FakeTimeProvider(Start), new LiveConfig()).CheckAsync(CancellationToken.None);

        Assert.Equal(503, status);
        Assert.Equal("Unhealthy", body.Config.Status);
    }

    [Fact]
    public async Task CheckAsync_DatabaseUnreachable_Unhealthy503()
    {
        await using var db = await TempDatabase.CreateAsync();
        // a folder is no database file
        await using var unreachable = new SqliteDatabase($"Data Source={db.Folder}");

        var (status, body) = await Report(unreachable, new FakeTimeProvider(Start)).CheckAsync(CancellationToken.None);

        Assert.Equal(503, status);
        Assert.Equal("Unhealthy", body.Status);
        Assert.NotNull(body.Database.Error);
    }

    private static readonly FeedDefinition Feed = new()
    {
        Id = "cma",
        Kind = FeedKind.Cap,
        Url = "http://127.0.0.1:9/cap",
        Interval = TimeSpan.FromMinutes(5),
        Timeout = TimeSpan.FromSeconds(10),
        StaleAfter = TimeSpan.FromMinutes(30),
    };

    private static async Task<TempDatabase> DatabaseWithSuccessAtStart()
    {
        var db = await TempDatabase.CreateAsync();
        await new SqlFeedHealthStore(db.Database).SaveAsync(new FeedHealth { FeedId = Feed.Id, LastAttempt = Start, LastSuccess = Start }, CancellationToken.None);
        return db;
    }

    [Fact]
    public async Task CheckAsync_ChannelsWithoutCredentials_DegradedWithTheOutboxNamed()
    {
        await using var db = await DatabaseWithSuccessAtStart();
        var clock = new FakeTimeProvider(Start);

        var (status, body) = await Report(db.Database, clock, SampleLiveConfig(), [new RecordingChannelSender(Channel.Email)])
            .CheckAsync(CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Equal("Degraded", body.Status);
        Assert.Equal(
            [new HealthReport.ChannelHealth("sms", "outbox", "Degraded"), new HealthReport.ChannelHealth("voice", "outbox", "Degraded"),
             new HealthReport.ChannelHealth("email", "fake", "Healthy")],
            body.Channels);
    }

    private static HealthReport Report(System.Data.Common.DbDataSource database, TimeProvider clock) =>
        Report(database, clock, SampleLiveConfig());

    private static HealthReport Report(System.Data.Common.DbDataSource database, TimeProvider clock, LiveConfig live) =>
        Report(database, clock, live, ProviderSenders);

    private static HealthReport Report(System.Data.Common.DbDataSource database, TimeProvider clock, LiveConfig live, IChannelSender[] senders) =>
        new(database, new SqlFeedHealthStore(database), new FeedCatalog([Feed]), live,
            new ChannelSenders(senders, new SqlDeliveryStore(database), clock, NullLogger<OutboxChannelSender>.Instance),
            clock, NullLogger<HealthReport>.Instance);

    /// <summary>A real provider on every channel, so that only what a test breaks degrades the report.</summary>
    private static readonly IChannelSender[] ProviderSenders =
        [new RecordingChannelSender(Channel.Sms), new RecordingChannelSender(Channel.Voice), new RecordingChannelSender(Channel.Email)];

    private static LiveConfig SampleLiveConfig()
    {
        var config = ConfigLoader.Load(SampleConfigFolder.SourcePath).Value!;
        var live = new LiveConfig();
        live.Apply(new LiveConfig.Applied(config, new MatchingContext(new Matcher(config.Directory), config.Policy), 1, Start), "sha256:sample");
        return live;
    }
}
