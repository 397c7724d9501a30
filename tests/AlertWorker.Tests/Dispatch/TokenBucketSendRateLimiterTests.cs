using System.Diagnostics;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Options;

namespace AlertWorker.Tests.Dispatch;

/// <summary>The framework limiter keeps real timers, so these run on the real clock, bounded to about a second.</summary>
public class TokenBucketSendRateLimiterTests
{
    [Fact]
    public async Task Acquire_MoreThanTheRate_WaitsForTheNextSecond()
    {
        using var limiter = new TokenBucketSendRateLimiter(Options.Create(new ChannelRateOptions { SmsPerSecond = 5 }));
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 5; i++) (await limiter.AcquireAsync(Channel.Sms, CancellationToken.None)).Dispose();
        var burst = clock.Elapsed;
        (await limiter.AcquireAsync(Channel.Sms, CancellationToken.None)).Dispose();
        var sixth = clock.Elapsed;

        Assert.True(burst < TimeSpan.FromMilliseconds(500), $"the first 5 took {burst}");
        Assert.True(sixth >= TimeSpan.FromMilliseconds(500), $"the 6th came after {sixth}");
        Assert.True(sixth < TimeSpan.FromSeconds(5), $"the 6th came after {sixth}");
    }

    [Fact]
    public async Task Acquire_RateZero_Unlimited()
    {
        using var limiter = new TokenBucketSendRateLimiter(Options.Create(new ChannelRateOptions { EmailPerSecond = 0 }));
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 1000; i++) (await limiter.AcquireAsync(Channel.Email, CancellationToken.None)).Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"1000 unlimited permits took {clock.Elapsed}");
    }

    [Fact]
    public async Task Acquire_OneChannelExhausted_OtherChannelsNotHeldUp()
    {
        using var limiter = new TokenBucketSendRateLimiter(Options.Create(new ChannelRateOptions { VoicePerSecond = 1, SmsPerSecond = 100 }));
        (await limiter.AcquireAsync(Channel.Voice, CancellationToken.None)).Dispose();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 50; i++) (await limiter.AcquireAsync(Channel.Sms, CancellationToken.None)).Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"50 sms took {clock.Elapsed}");
    }
}
