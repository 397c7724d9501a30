using Quartz;

namespace AlertWorker.Feeds;

/// <summary>
/// Makes the scheduler's feed jobs match config/feeds.yaml at start: one <see cref="FeedPollJob"/>
/// per feed with a trigger at the feed's interval (a trigger at another interval replaced, one at the
/// same interval kept), and the jobs of feeds no longer configured removed. A poll a quarter of an
/// interval late counts as missed: it runs once, at once, and the next comes an interval later, so that
/// a pause (a busy start, an instance killed while holding the trigger) never brings polls in a burst.
/// </summary>
public sealed class FeedSchedule(ISchedulerFactory schedulers, FeedCatalog catalog, TimeProvider time, ILogger<FeedSchedule> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await SyncAsync(scheduler, catalog.Feeds, time, cancellationToken);
        logger.LogInformation("Scheduled {FeedCount} feed polls", catalog.Feeds.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>How late a poll may start before it counts as missed: a quarter of the interval, in whole milliseconds.</summary>
    public static TimeSpan MisfireThreshold(TimeSpan interval) => TimeSpan.FromMilliseconds(Math.Max(1, (long)(interval / 4).TotalMilliseconds));

    public static async Task SyncAsync(IScheduler scheduler, IReadOnlyList<FeedDefinition> feeds, TimeProvider time, CancellationToken ct)
    {
        foreach (var feed in feeds)
        {
            var job = JobBuilder.Create<FeedPollJob>()
                .WithIdentity(FeedPollJob.KeyFor(feed.Id))
                .WithDescription($"poll {feed.Kind} feed {feed.Id}")
                .UsingJobData(FeedPollJob.FeedIdKey, feed.Id)
                .Build();
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(FeedPollJob.TriggerKeyFor(feed.Id))
                .ForJob(job)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(feed.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount))
                .WithMisfireThreshold(MisfireThreshold(feed.Interval))
                .Build();
            await ScheduledJobs.ScheduleUnlessSameAsync(scheduler, job, trigger, feed.Interval, ct);
        }

        var configured = feeds.Select(f => FeedPollJob.KeyFor(f.Id)).ToHashSet();
        var stale = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(FeedPollJob.Group), ct))
            .Where(key => !configured.Contains(key))
            .ToList();
        if (stale.Count > 0) await scheduler.DeleteJobs(stale, ct);
    }
}
