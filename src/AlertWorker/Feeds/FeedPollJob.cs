using Quartz;

namespace AlertWorker.Feeds;

/// <summary>Polls one feed when due (<see cref="FeedPoller.PollDueAsync"/>); one job per feed, keyed by the feed id, never two polls of a feed at once.</summary>
[DisallowConcurrentExecution]
public sealed class FeedPollJob(FeedCatalog catalog, FeedPoller poller, ILogger<FeedPollJob> logger) : IJob
{
    public const string Group = "feed-poll";
    public const string FeedIdKey = "feedId";

    public static JobKey KeyFor(string feedId) => new(feedId, Group);

    public static TriggerKey TriggerKeyFor(string feedId) => new(feedId, Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var feedId = context.MergedJobDataMap.GetString(FeedIdKey);
        if (feedId is null || catalog.Find(feedId) is not { } feed)
        {
            logger.LogWarning("Feed {FeedId} is no longer configured; its poll is skipped", feedId);
            return;
        }
        await poller.PollDueAsync(feed, cancellationToken);
    }
}
