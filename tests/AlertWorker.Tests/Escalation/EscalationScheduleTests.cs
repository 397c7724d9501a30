using AlertWorker.Configuration;
using AlertWorker.Domain.Escalation;
using AlertWorker.Escalation;
using AlertWorker.Feeds;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace AlertWorker.Tests.Escalation;

/// <summary>The escalation pass as a Quartz job: an in-memory scheduler on a fake clock, and a pass
/// whose store fails the first time it is asked.</summary>
public sealed class EscalationScheduleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 14, 6, 0, 0, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly FailingOnceEscalationStore _store = new();
    private TempDatabase _db = null!;
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        var live = new LiveConfig();
        var staleFeeds = new StaleFeedAlarm(new FeedCatalog([]), new SqlFeedHealthStore(_db.Database),
            new SqlWarningStore(_db.Database), live, _clock, NullLogger<StaleFeedAlarm>.Instance);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new EscalationPass(_store, staleFeeds, live, _clock, NullLogger<EscalationPass>.Instance))
            .AddTransient<EscalationJob>()
            .AddOptions()
            .AddQuartz(q => q.UseTimeProvider(_clock))
            .BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    }

    public async Task DisposeAsync()
    {
        await _scheduler.Shutdown(false);
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_StartedAgainWithAnotherInterval_OneNonConcurrentJobWithTheNewInterval()
    {
        await Schedule(enabled: true, TimeSpan.FromSeconds(30)).StartAsync(CancellationToken.None);

        await Schedule(enabled: true, TimeSpan.FromSeconds(10)).StartAsync(CancellationToken.None);

        var trigger = Assert.Single(await _scheduler.GetTriggersOfJob(EscalationJob.Key));
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.IsAssignableFrom<ISimpleTrigger>(trigger).RepeatInterval);
        Assert.True((await _scheduler.GetJobDetail(EscalationJob.Key))!.ConcurrentExecutionDisallowed);
    }

    [Fact]
    public async Task StartAsync_Disabled_RemovesTheJobScheduledBefore()
    {
        await Schedule(enabled: true, TimeSpan.FromSeconds(30)).StartAsync(CancellationToken.None);

        await Schedule(enabled: false, TimeSpan.FromSeconds(30)).StartAsync(CancellationToken.None);

        Assert.Null(await _scheduler.GetJobDetail(EscalationJob.Key));
    }

    [Theory, SqliteData(false), PostgresData(true)]
    public async Task StartAsync_DisabledOnTheWorkersJobStore_KeepsTheJobOnlyWhenClustered(SqlDialect dialect, bool kept)
    {
        // the worker's own store: on PostgreSQL a cluster whose other instances keep escalation on
        await using var db = await TempDatabase.CreateAsync(dialect);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(db.Database)
            .AddQuartz(q => q.UsePersistentStore(store => FeedRegistration.UseJobStore(store, dialect)))
            .BuildServiceProvider();
        var schedulers = services.GetRequiredService<ISchedulerFactory>();
        var scheduler = await schedulers.GetScheduler();
        try
        {
            await Schedule(schedulers, enabled: true, TimeSpan.FromSeconds(30)).StartAsync(CancellationToken.None);

            await Schedule(schedulers, enabled: false, TimeSpan.FromSeconds(30)).StartAsync(CancellationToken.None);

            Assert.Equal(kept, await scheduler.Exists(EscalationJob.Key));
        }
        finally
        {
            await scheduler.Shutdown(false);
        }
    }

    [Fact]
    public async Task Execute_DisabledOnThisInstance_SkipsThePass()
    {
        var job = new EscalationJob(_services.GetRequiredService<EscalationPass>(),
            Microsoft.Extensions.Options.Options.Create(new EscalationOptions { Enabled = false }), NullLogger<EscalationJob>.Instance);

        await job.Execute(null!, CancellationToken.None);

        Assert.Equal(0, _store.Passes);
    }

    [Fact]
    public async Task Execute_PassFails_TriggerStaysScheduledAndTheNextPassRuns()
    {
        await Schedule(enabled: true, TimeSpan.FromSeconds(30)).StartAsync(CancellationToken.None);
        await _scheduler.Start();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_store.Passes < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"a second pass after the failed one: {_store.Passes} passes");
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        Assert.Equal(TriggerState.Normal, await _scheduler.GetTriggerState(EscalationJob.TriggerKey));
        Assert.Single(await _scheduler.GetTriggersOfJob(EscalationJob.Key));
    }

    private EscalationSchedule Schedule(bool enabled, TimeSpan interval) =>
        Schedule(_services.GetRequiredService<ISchedulerFactory>(), enabled, interval);

    private EscalationSchedule Schedule(ISchedulerFactory schedulers, bool enabled, TimeSpan interval) => new(
        schedulers,
        Microsoft.Extensions.Options.Options.Create(new EscalationOptions { Enabled = enabled, Interval = interval }),
        _clock, NullLogger<EscalationSchedule>.Instance);

    /// <summary>Nothing to escalate; the first pass fails as a database outage would.</summary>
    private sealed class FailingOnceEscalationStore : IEscalationStore
    {
        private int _passes;

        public int Passes => Volatile.Read(ref _passes);

        public Task<int> CloseExpiredAsync(DateTimeOffset now, CancellationToken ct) =>
            Interlocked.Increment(ref _passes) == 1
                ? throw new InvalidOperationException("database unavailable")
                : Task.FromResult(0);

        public Task<IReadOnlyList<EscalatingNotification>> ListEscalatingAsync(CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<EscalatingNotification>>([]);

        public Task<bool> TakeStepAsync(EscalatingNotification silent, EscalationStepTaken step, CancellationToken ct) =>
            throw new InvalidOperationException("nothing is silent, so no step is taken");
    }
}
