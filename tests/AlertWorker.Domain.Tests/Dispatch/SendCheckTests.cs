using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;

namespace AlertWorker.Domain.Tests.Dispatch;

public class SendCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 14, 6, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<SendContext, SkipReason?> Cases => new()
    {
        // a live warning, nothing answered: send
        { new(NoticeKind.Warning, NotificationStatus.Planned, false, Now.AddHours(1)), null },
        // the chain was cancelled
        { new(NoticeKind.Warning, NotificationStatus.Planned, true, Now.AddHours(1)), SkipReason.ChainCancelled },
        // the warning expired (expiry equal to now counts as past)
        { new(NoticeKind.LevelRaised, NotificationStatus.Sent, false, Now), SkipReason.WarningExpired },
        // answered before this channel's turn
        { new(NoticeKind.Warning, NotificationStatus.Acknowledged, false, null), SkipReason.Answered },
        // an escalation notice closed because the silent person answered
        { new(NoticeKind.Escalation, NotificationStatus.Closed, false, null), SkipReason.Closed },
        // an update notice of a cancelled chain is pointless
        { new(NoticeKind.UpdateNotice, NotificationStatus.Planned, true, null), SkipReason.ChainCancelled },
        // a 解除 always goes, even on a cancelled, expired chain
        { new(NoticeKind.Released, NotificationStatus.Planned, true, Now.AddHours(-1)), null },
        // no expiry: never expires
        { new(NoticeKind.Warning, NotificationStatus.Sent, false, null), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Skip_Context_ReasonOrSend(SendContext context, SkipReason? expected)
    {
        Assert.Equal(expected, SendCheck.Skip(context, Now));
    }

    [Theory]
    // first retry: the base, within ±25% jitter (jitter 0.5 = exactly the base)
    [InlineData(1, 0.5, 10_000)]
    // third attempt: 4x the base
    [InlineData(3, 0.5, 40_000)]
    // capped at the maximum
    [InlineData(20, 0.5, 600_000)]
    // lowest jitter: 75%
    [InlineData(2, 0.0, 15_000)]
    public void RetryDelay_Attempt_ExponentialWithJitter(int attempt, double jitter, int expectedMs)
    {
        var delay = RetryDelay.After(attempt, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), jitter, null);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void RetryDelay_ProviderSaidRetryAfter_ThatWins()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), RetryDelay.After(1, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), 0.9, TimeSpan.FromSeconds(90)));
    }
}
