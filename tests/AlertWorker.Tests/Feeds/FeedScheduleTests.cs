using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AlertWorker.Tests.Feeds;

public sealed class FeedScheduleTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddQuartz(_ => { })
            .BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    }

    public async Task DisposeAsync()
    {
        await _scheduler.Shutdown(false);
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task SyncAsync_TwoFeeds_OneJobEachWithTheFeedsInterval()
    {
        await FeedSchedule.SyncAsync(_scheduler, [Feed("cma", 5), Feed("nws", 2)], TimeProvider.System, CancellationToken.None);

        var keys = await _scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(FeedPollJob.Group));
        Assert.Equal(["cma", "nws"], keys.Select(k => k.Name).Order());
        Assert.Equal(TimeSpan.FromMinutes(5), await IntervalOf("cma"));
        Assert.Equal(TimeSpan.FromMinutes(2), await IntervalOf("nws"));
        var job = await _scheduler.GetJobDetail(FeedPollJob.KeyFor("cma"));
        Assert.Equal("cma", job!.JobDataMap.GetString(FeedPollJob.FeedIdKey));
        Assert.True(job.ConcurrentExecutionDisallowed);
    }

    [Fact]
    public async Task SyncAsync_FeedsChanged_ReplacesIntervalsAndRemovesFeedsNoLongerConfigured()
    {
        await FeedSchedule.SyncAsync(_scheduler, [Feed("cma", 5), Feed("nws", 2)], TimeProvider.System, CancellationToken.None);

        await FeedSchedule.SyncAsync(_scheduler, [Feed("cma", 10)], TimeProvider.System, CancellationToken.None);

        var keys = await _scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(FeedPollJob.Group));
        Assert.Equal("cma", Assert.Single(keys).Name);
        Assert.Equal(TimeSpan.FromMinutes(10), await IntervalOf("cma"));
        Assert.Single(await _scheduler.GetTriggersOfJob(FeedPollJob.KeyFor("cma")));
    }

    [Fact]
    public async Task SyncAsync_SameFeedsAgain_KeepsTheTriggersAndTheirNextFireTimes()
    {
        await FeedSchedule.SyncAsync(_scheduler, [Feed("cma", 5), Feed("nws", 2)], TimeProvider.System, CancellationToken.None);
        var before = await NextFireTimesAsync();

        // another instance starting on the same store, or a restart
        await FeedSchedule.SyncAsync(_scheduler, [Feed("cma", 5), Feed("nws", 2)], TimeProvider.System, CancellationToken.None);

        Assert.Equal(before, await NextFireTimesAsync());
    }

    [Fact]
    public async Task SyncAsync_AnyFeed_LateByAQuarterIntervalCountsAsMissed()
    {
        await FeedSchedule.SyncAsync(_scheduler, [Feed("cma", 2)], TimeProvider.System, CancellationToken.None);

        var trigger = await _scheduler.GetTrigger(FeedPollJob.TriggerKeyFor("cma"));

        Assert.Equal(TimeSpan.FromSeconds(30), trigger!.MisfireThreshold);
        Assert.Equal((int)SimpleTriggerMisfireInstruction.NowWithRemainingCount, (int)trigger.MisfireInstructionCode);
    }

    private async Task<List<DateTimeOffset?>> NextFireTimesAsync() =>
    [
        (await _scheduler.GetTrigger(FeedPollJob.TriggerKeyFor("cma")))!.NextFireTimeUtc,
        (await _scheduler.GetTrigger(FeedPollJob.TriggerKeyFor("nws")))!.NextFireTimeUtc,
    ];

    private async Task<TimeSpan> IntervalOf(string feedId)
    {
        var trigger = await _scheduler.GetTrigger(FeedPollJob.TriggerKeyFor(feedId));
        return Assert.IsAssignableFrom<ISimpleTrigger>(trigger).RepeatInterval;
    }

    private static FeedDefinition Feed(string id, int minutes) => new()
    {
        Id = id,
        Kind = FeedKind.Cap,
        Url = $"http://127.0.0.1:9/{id}",
        Interval = TimeSpan.FromMinutes(minutes),
        Timeout = TimeSpan.FromSeconds(10),
        StaleAfter = TimeSpan.FromMinutes(minutes * 3),
    };
}
