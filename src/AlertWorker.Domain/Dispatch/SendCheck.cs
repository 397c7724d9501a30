using AlertWorker.Domain.Lifecycle;

namespace AlertWorker.Domain.Dispatch;

/// <summary>Why a queued delivery is dropped instead of sent (SPEC §8).</summary>
public enum SkipReason { ChainCancelled, WarningExpired, Answered, Closed }

/// <summary>What a delivery's notification and warning look like at the moment of sending.</summary>
public sealed record SendContext(NoticeKind Kind, NotificationStatus Status, bool ChainCancelled, DateTimeOffset? Expires);

/// <summary>
/// The last check before a send (SPEC §8): a queued message of a warning that was cancelled,
/// expired or answered is never sent. A 解除 (Released) notice is the message a cancel or an end of
/// concern sends, so it always goes.
/// </summary>
public static class SendCheck
{
    public static SkipReason? Skip(SendContext context, DateTimeOffset now)
    {
        if (context.Kind == NoticeKind.Released) return null;
        if (context.Status == NotificationStatus.Acknowledged) return SkipReason.Answered;
        if (context.Status == NotificationStatus.Closed) return SkipReason.Closed;
        if (context.ChainCancelled) return SkipReason.ChainCancelled;
        if (context.Expires is { } expires && expires <= now) return SkipReason.WarningExpired;
        return null;
    }
}
