namespace AlertWorker.Domain.Dispatch;

/// <summary>A notification's 叫应 cycle (the <c>notifications.state</c> column): planned (nothing
/// accepted yet), sent (a provider accepted a send), acknowledged (answered by the person or
/// confirmed on their behalf), closed (ended without an answer: cancelled, expired, superseded, released),
/// failed (every channel failed for good).</summary>
public enum NotificationStatus { Planned, Sent, Acknowledged, Closed, Failed }

/// <summary>Why a notification's cycle was closed without an answer (<c>notifications.closed_reason</c>).</summary>
public enum ClosedReason
{
    /// <summary>The warning was cancelled.</summary>
    Cancelled,
    /// <summary>The warning expired without a Cancel; no notice is sent.</summary>
    Expired,
    /// <summary>The level went up: a LevelRaised notification starts a new cycle.</summary>
    Superseded,
    /// <summary>An Update no longer concerns the person: they got a 解除.</summary>
    Released,
    /// <summary>An escalation notice whose silent person answered after all.</summary>
    Resolved,
}

public static class NotificationStatuses
{
    public static bool IsFinished(this NotificationStatus status) =>
        status is NotificationStatus.Acknowledged or NotificationStatus.Closed;
}
