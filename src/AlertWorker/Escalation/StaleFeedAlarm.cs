using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;
using AlertWorker.Storage;

namespace AlertWorker.Escalation;

/// <summary>
/// A feed that stays stale (no success for longer than its <c>staleAfter</c>, SPEC §3) is a real
/// alarm to the duty officer on shift, once per stale episode. The alarm is stored as a synthetic
/// red warning with key <c>system|feed-stale|&lt;feedId&gt;|&lt;episode&gt;</c> (the episode is the last
/// success, or <c>never</c>) and one notification per duty officer, so it is sent, answered,
/// escalated and shown in the 叫应 record like any warning; the key makes it once per episode, and
/// a success starts the next episode. A feed never polled successfully counts as stale only once
/// the worker has been running for longer than its <c>staleAfter</c>.
/// </summary>
public sealed class StaleFeedAlarm(
    FeedCatalog catalog, IFeedHealthStore health, IWarningStore warnings, LiveConfig live, TimeProvider time, ILogger<StaleFeedAlarm> logger)
{
    public const string Sender = "system";

    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public async Task CheckAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (live.Current is not { } config) return;
        foreach (var feed in catalog.Feeds)
        {
            var h = await health.GetAsync(feed.Id, ct);
            if (!h.IsStaleAt(now, feed.StaleAfter)) continue;
            if (h.LastSuccess is null && now - _startedAt <= feed.StaleAfter) continue;

            var warning = AlarmFor(feed, h.LastSuccess);
            if ((await warnings.LoadHistoryAsync([warning.Key], ct)).HasSeen(warning.Key)) continue;

            var directory = config.Config.Directory;
            var notices = Recipients(directory, config.Config.Policy.For(warning.Level), now).ToList();
            await warnings.SaveOutcomeAsync(new WarningOutcome
            {
                Warning = warning,
                Action = notices.Count > 0 ? WarningAction.Notify : WarningAction.Ignored,
                Reason = notices.Count > 0 ? null : IgnoreReason.NoRecipients,
                ChainKey = warning.Key,
                Notices = notices,
            }, chain: null, feed.Id, now, ct);
            if (notices.Count == 0)
                logger.LogError("Feed {FeedId} is stale since {LastSuccess} and no duty officer is on shift to alarm", feed.Id, h.LastSuccess);
            else
                logger.LogError("Feed {FeedId} is stale since {LastSuccess}: alarm {WarningKey} to {Count} duty officers",
                    feed.Id, h.LastSuccess, warning.Key, notices.Count);
        }
    }

    private static IEnumerable<PlannedNotice> Recipients(DirectorySnapshot directory, Domain.Policy.LevelPolicy? policy, DateTimeOffset now) =>
        directory.OnShift(now)
            .Where(s => s.Role == Role.DutyOfficer && directory.PeopleById.ContainsKey(s.PersonId))
            .Select(s => s.PersonId)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var person = directory.PeopleById[id];
                var (channels, fallback) = policy is null
                    ? (Domain.Policy.Channels.Reachable(person), false)
                    : EscalationTargets.ChannelsFor(person, policy);
                return new PlannedNotice(id, NoticeKind.Warning, Level.Red, channels, [Role.DutyOfficer], [], Exercise: false, fallback);
            });

    /// <summary>The synthetic warning of one stale episode: red, never expiring, text in zh-CN and en.</summary>
    public static Warning AlarmFor(FeedDefinition feed, DateTimeOffset? lastSuccess)
    {
        var episode = lastSuccess is { } s ? s.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "never";
        return new Warning
        {
            Sender = Sender,
            Identifier = $"feed-stale|{feed.Id}|{episode}",
            Sent = lastSuccess ?? DateTimeOffset.UnixEpoch,
            Status = WarningStatus.Actual,
            MsgType = MsgType.Alert,
            Source = feed.Kind,
            Infos =
            [
                new WarningInfo
                {
                    Language = "zh-CN", Event = "预警数据源中断", Severity = Severity.Extreme, Urgency = "Immediate", Certainty = "Observed",
                    Headline = $"数据源 {feed.Id} 超过 {feed.StaleAfter.TotalMinutes:0} 分钟无更新，预警可能无法送达",
                    Instruction = "请立即检查数据源，并通过电话向上级气象台、自然资源部门核实当前预警。",
                },
                new WarningInfo
                {
                    Language = "en", Event = "Warning feed down", Severity = Severity.Extreme, Urgency = "Immediate", Certainty = "Observed",
                    Headline = $"Feed {feed.Id} has not updated for over {feed.StaleAfter.TotalMinutes:0} minutes; warnings may be missed",
                    Instruction = "Check the feed now and confirm current warnings with the issuing offices by phone.",
                },
            ],
        };
    }
}
