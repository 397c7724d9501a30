namespace AlertWorker.Domain.Dispatch;

/// <summary>When a transient failure is tried again: exponential from <c>baseDelay</c> (1x, 2x, 4x...
/// by attempt), capped at <c>maxDelay</c>, spread by ±25% jitter so that a provider outage does not
/// end in a thundering herd; a provider's own Retry-After wins when it gave one.</summary>
public static class RetryDelay
{
    /// <param name="attempt">The attempt that just failed, 1-based.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static TimeSpan After(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, TimeSpan? retryAfter)
    {
        if (retryAfter is { } told && told > TimeSpan.Zero) return told;
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var raw = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(raw * (0.75 + 0.5 * Math.Clamp(jitter, 0, 1)));
    }
}
