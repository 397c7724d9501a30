namespace AlertWorker.Feeds;

/// <summary>
/// What a feed's polls gave so far (SPEC §3.1, §9): when it was last tried and last worked, the
/// last error as one line, how many polls failed in a row, when the content last changed, and
/// what the last poll rejected. Staleness is computed from the clock, never stored.
/// </summary>
public sealed record FeedHealth
{
    public required string FeedId { get; init; }
    public DateTimeOffset? LastAttempt { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    /// <summary>The last failure as one line, e.g. "HTTP 500 Internal Server Error".</summary>
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int ConsecutiveFailures { get; init; }
    /// <summary>When the fetched content last differed from the poll before.</summary>
    public DateTimeOffset? LastChange { get; init; }
    /// <summary>A hash of the last content, to tell when it changes.</summary>
    public string? ContentHash { get; init; }
    /// <summary>The parts the last poll rejected, one line each.</summary>
    public IReadOnlyList<string> Rejections { get; init; } = [];
    /// <summary>Validators of the last answer, sent back for a conditional GET.</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    public bool IsFailing => ConsecutiveFailures > 0;

    /// <summary>Stale when the last success is older than <paramref name="staleAfter"/>, or there was none.</summary>
    public bool IsStaleAt(DateTimeOffset now, TimeSpan staleAfter) =>
        LastSuccess is not { } success || now - success > staleAfter;

    public static FeedHealth Empty(string feedId) => new() { FeedId = feedId };
}
