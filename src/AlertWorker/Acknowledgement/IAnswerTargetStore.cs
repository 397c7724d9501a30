using AlertWorker.Domain.Warnings;

namespace AlertWorker.Acknowledgement;

/// <summary>What the answer page shows about the notification a link names, and whose answer it records.</summary>
/// <param name="Headlines">The warning's headline in each language it came in (the event where an info has none).</param>
/// <param name="AnsweredAt">When it was answered, or null while it waits for an answer.</param>
public sealed record AnswerTarget(
    long NotificationId, string PersonId, string WarningKey, Level Level, bool Exercise, IReadOnlyList<string> Headlines, DateTimeOffset? AnsweredAt);

public interface IAnswerTargetStore
{
    Task<AnswerTarget?> FindAsync(long notificationId, CancellationToken ct);
}
