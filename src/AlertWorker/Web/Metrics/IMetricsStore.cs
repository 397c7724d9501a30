namespace AlertWorker.Web.Metrics;

/// <summary>How many stored rows share one set of label values.</summary>
public sealed record LabelledCount(IReadOnlyList<string> Labels, long Count);

/// <summary>What <c>GET /metrics</c> reads from the database at one scrape: counts only, never a person.</summary>
public sealed record StoredCounts(
    IReadOnlyList<LabelledCount> Warnings,
    IReadOnlyList<LabelledCount> Notifications,
    IReadOnlyList<LabelledCount> Deliveries,
    IReadOnlyList<LabelledCount> EscalationSteps,
    AnswerTimes AnswerTimes);

/// <summary>
/// The time from a provider's first acceptance of a notification to its answer, over every answered
/// notification a provider had accepted, counted into <see cref="BucketSeconds"/> by the database.
/// </summary>
/// <param name="AtMost">For each bound of <see cref="BucketSeconds"/>, how many answered within it (cumulative).</param>
/// <param name="TotalSeconds">The times added up, to the millisecond.</param>
public sealed record AnswerTimes(IReadOnlyList<long> AtMost, long Count, double TotalSeconds)
{
    /// <summary>Upper bounds of the buckets, in seconds (1, 5, 10, 20, 30 and 60 minutes).</summary>
    public static readonly IReadOnlyList<int> BucketSeconds = [60, 300, 600, 1200, 1800, 3600];
}

/// <summary>The reads behind <c>GET /metrics</c> (SPEC §9). Kept in one place so that a PostgreSQL store can follow.</summary>
public interface IMetricsStore
{
    /// <summary>Warnings by feed, level and action; notifications by kind, level and state; deliveries by
    /// channel and state; escalation steps by action (<c>repeat</c> or <c>notify</c>); and the times to answer,
    /// bucketed (a few rows whatever the number of answers).</summary>
    Task<StoredCounts> ReadAsync(CancellationToken ct);
}
