using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using AlertWorker.Feeds;
using AlertWorker.Storage;

namespace AlertWorker.Web.Metrics;

/// <summary>
/// What <c>GET /metrics</c> answers (SPEC §9), read at scrape time: the stored warnings, notifications,
/// deliveries, escalation steps and time to answer, each feed's failures and staleness, and which
/// channels run on the outbox. Counts only: no label ever carries a person's id, name, phone or email.
/// </summary>
public sealed class MetricsReport(IMetricsStore store, IFeedHealthStore feedHealth, FeedCatalog catalog, ChannelSenders senders, TimeProvider time)
{
    public async Task<string> WriteAsync(CancellationToken ct)
    {
        var counts = await store.ReadAsync(ct);
        var health = (await feedHealth.ListAsync(ct)).ToDictionary(h => h.FeedId, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var text = new PrometheusTextWriter();

        Counts(text, "alertworker_warnings", "gauge", "Warnings stored, by feed, level and lifecycle action.",
            counts.Warnings, "feed", "level", "action");
        Counts(text, "alertworker_notifications", "gauge", "Notifications stored, by kind, level and state.",
            counts.Notifications, "kind", "level", "state");
        Counts(text, "alertworker_deliveries", "gauge", "Deliveries (one send of a notification over one channel), by channel and state.",
            counts.Deliveries, "channel", "state");
        Counts(text, "alertworker_escalation_steps_total", "counter", "Escalation steps taken for silent notifications, by action.",
            counts.EscalationSteps, "action");
        AnswerHistogram(text, counts.AnswerTimes);

        var feeds = catalog.Feeds
            .Select(f => (f.Id, Health: health.GetValueOrDefault(f.Id) ?? FeedHealth.Empty(f.Id), f.StaleAfter))
            .ToList();
        text.Family("alertworker_feed_consecutive_failures", "gauge", "Failed polls of each configured feed since its last success.");
        foreach (var feed in feeds) text.Sample("alertworker_feed_consecutive_failures", [("feed", feed.Id)], feed.Health.ConsecutiveFailures);
        text.Family("alertworker_feed_stale", "gauge", "1 when a configured feed has had no successful poll within its staleAfter.");
        foreach (var feed in feeds) text.Sample("alertworker_feed_stale", [("feed", feed.Id)], feed.Health.IsStaleAt(now, feed.StaleAfter) ? 1 : 0);

        text.Family("alertworker_channel_outbox", "gauge", "1 when a channel writes to the local outbox (nothing is really sent).");
        foreach (var (channel, provider) in senders.Providers)
            text.Sample("alertworker_channel_outbox", [("channel", channel.ToName())], provider == OutboxChannelSender.ProviderName ? 1 : 0);
        return text.ToString();
    }

    private static void Counts(PrometheusTextWriter text, string name, string type, string help, IReadOnlyList<LabelledCount> counts,
        params string[] labels)
    {
        text.Family(name, type, help);
        foreach (var count in counts)
            text.Sample(name, labels.Zip(count.Labels, (label, value) => (label, value)).ToList(), count.Count);
    }

    private static void AnswerHistogram(PrometheusTextWriter text, AnswerTimes times)
    {
        const string name = "alertworker_time_to_answer_seconds";
        text.Family(name, "histogram", "Time from a provider's first acceptance of a notification to its answer (叫应).");
        foreach (var (bound, count) in AnswerTimes.BucketSeconds.Zip(times.AtMost))
            text.Sample(name + "_bucket", [("le", PrometheusTextWriter.FormatValue(bound))], count);
        text.Sample(name + "_bucket", [("le", "+Inf")], times.Count);
        text.Sample(name + "_sum", times.TotalSeconds);
        text.Sample(name + "_count", times.Count);
    }
}
