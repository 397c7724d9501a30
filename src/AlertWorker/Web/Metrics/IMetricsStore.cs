namespace AlertWorker.Web.Metrics;

/// <summary>How many stored rows share one set of label values.</summary>
public sealed record LabelledCount(IReadOnlyList<string> Labels, long Count);

/// <summary>What <c>GET /metrics</c> reads from the database at one scrape: counts only, never a person.</summary>
public sealed record StoredCounts(
    IReadOnlyList<LabelledCount> Warnings,
    IReadOnlyList<LabelledCount> Notifications,
    IReadOnlyList<LabelledCount> Deliveries,
    IReadOnlyList<LabelledCount> EscalationSteps,
    IReadOnlyList<TimeSpan> AnswerDelays);

/// <summary>The reads behind <c>GET /metrics</c> (SPEC §9). Kept in one place so that a PostgreSQL store can follow.</summary>
public interface IMetricsStore
{
    /// <summary>Warnings by feed, level and action; notifications by kind, level and state; deliveries by
    /// channel and state; escalation steps by action (<c>repeat</c> or <c>notify</c>); and, for every answered
    /// notification a provider had accepted, the time from that first acceptance to the answer.</summary>
    Task<StoredCounts> ReadAsync(CancellationToken ct);
}
