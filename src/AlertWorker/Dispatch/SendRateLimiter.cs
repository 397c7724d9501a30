using System.Threading.RateLimiting;
using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>Waits for a provider's rate limit before a send. An interface because the framework's
/// limiters keep their own timers on the real clock; tests on a fake clock use an unlimited one.</summary>
public interface ISendRateLimiter
{
    ValueTask<IDisposable> AcquireAsync(Channel channel, CancellationToken ct);
}

/// <summary>
/// One token bucket per channel (System.Threading.RateLimiting): <c>n</c> per second, a burst of at
/// most <c>n</c>, waiting callers served oldest first. A rate of 0 is unlimited.
/// </summary>
public sealed class TokenBucketSendRateLimiter : ISendRateLimiter, IDisposable
{
    private readonly Dictionary<Channel, RateLimiter?> _limiters;

    public TokenBucketSendRateLimiter(IOptions<ChannelRateOptions> options)
    {
        var o = options.Value;
        _limiters = new()
        {
            [Channel.Sms] = Bucket(o.SmsPerSecond),
            [Channel.Voice] = Bucket(o.VoicePerSecond),
            [Channel.Email] = Bucket(o.EmailPerSecond),
        };
    }

    public async ValueTask<IDisposable> AcquireAsync(Channel channel, CancellationToken ct)
    {
        if (_limiters[channel] is not { } limiter) return NoLease.Instance;
        var lease = await limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"the {channel.ToName()} rate limiter refused a permit with an unbounded queue");
        }
        return lease;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter?.Dispose();
    }

    private static TokenBucketRateLimiter? Bucket(int perSecond) => perSecond <= 0 ? null : new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose() { }
    }
}
