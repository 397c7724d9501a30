using System.ComponentModel.DataAnnotations;

namespace AlertWorker.Feeds;

/// <summary>How feed fetches retry and break (section <c>AlertWorker:FeedClient</c>). The
/// per-attempt timeout is each feed's own <c>timeout</c>.</summary>
public sealed class FeedClientOptions
{
    public const string Section = "AlertWorker:FeedClient";

    /// <summary>Retries after the first attempt, on 5xx, 408, 429, connection errors and timeouts.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts within <see cref="BreakerSamplingDuration"/> before the breaker may open.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(1);
}
