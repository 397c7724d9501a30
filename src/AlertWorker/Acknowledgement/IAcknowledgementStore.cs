namespace AlertWorker.Acknowledgement;

/// <summary>How an answer came (SPEC §7).</summary>
public enum AnswerMethod { Sms, Voice, Email, OnBehalf }

public enum AcknowledgeResult
{
    /// <summary>The notification is now answered.</summary>
    Acknowledged,
    /// <summary>It was answered before; nothing changed.</summary>
    AlreadyAnswered,
    /// <summary>No such notification, or it does not expect an answer.</summary>
    NotFound,
}

/// <summary>A notification still waiting for its person's answer, as the answer channels look it up.</summary>
public sealed record PendingNotification(long NotificationId, string PersonId, string WarningKey, string ShortCode, string Language);

/// <summary>
/// Answers (叫应) to notifications: every channel and the duty officer record them here. An answer
/// closes the notification's chain of escalation; answering an escalation notice closes only that
/// notice, never the silent person's own notification.
/// </summary>
public interface IAcknowledgementStore
{
    /// <param name="by">The person id for the person's own answer, the user name for a confirmation on behalf.</param>
    /// <param name="note">Required for <see cref="AnswerMethod.OnBehalf"/>: who called whom, when.</param>
    Task<AcknowledgeResult> AcknowledgeAsync(long notificationId, AnswerMethod method, string by, string? note, DateTimeOffset at, CancellationToken ct);

    /// <summary>Notifications waiting for an answer from the person with this phone number (E.164).</summary>
    Task<IReadOnlyList<PendingNotification>> PendingForPhoneAsync(string phone, CancellationToken ct);

    /// <summary>The notification with this short code (case-insensitive), answered or not.</summary>
    Task<PendingNotification?> FindByShortCodeAsync(string shortCode, CancellationToken ct);

}
