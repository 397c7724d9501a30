using System.Collections.Concurrent;
using AlertWorker.Acknowledgement;

namespace AlertWorker.Tests.Web;

/// <summary>Records every answer it is given; the first answer of a notification acknowledges it.</summary>
internal sealed class FakeAcknowledgementStore : IAcknowledgementStore
{
    public sealed record Answer(long NotificationId, AnswerMethod Method, string By, string? Note, DateTimeOffset At);

    public ConcurrentQueue<Answer> Answers { get; } = new();

    /// <summary>Ids the store does not know (answers to them are NotFound).</summary>
    public HashSet<long> Unknown { get; } = [];

    public Task<AcknowledgeResult> AcknowledgeAsync(long notificationId, AnswerMethod method, string by, string? note, DateTimeOffset at, CancellationToken ct)
    {
        if (Unknown.Contains(notificationId))
            return Task.FromResult(AcknowledgeResult.NotFound);
        var first = Answers.All(a => a.NotificationId != notificationId);
        Answers.Enqueue(new Answer(notificationId, method, by, note, at));
        return Task.FromResult(first ? AcknowledgeResult.Acknowledged : AcknowledgeResult.AlreadyAnswered);
    }

    public Task<IReadOnlyList<PendingNotification>> PendingForPhoneAsync(string phone, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PendingNotification>>([]);

    public Task<PendingNotification?> FindByShortCodeAsync(string shortCode, CancellationToken ct) =>
        Task.FromResult<PendingNotification?>(null);

    public Task<long?> NotificationOfProviderIdAsync(string provider, string providerId, CancellationToken ct) =>
        Task.FromResult<long?>(null);
}
