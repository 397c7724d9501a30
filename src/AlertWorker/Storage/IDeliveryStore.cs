using AlertWorker.Dispatch;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Storage;

/// <summary>A delivery claimed under a lease, with what its message and its last check need.</summary>
public sealed record ClaimedDelivery
{
    public required long Id { get; init; }
    public required long NotificationId { get; init; }
    public required Channel Channel { get; init; }
    public required int Round { get; init; }
    /// <summary>Attempts so far, this one included.</summary>
    public required int Attempts { get; init; }
    public required int LevelRank { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string PersonId { get; init; }
    public required NoticeKind Kind { get; init; }
    public required Level Level { get; init; }
    public required NotificationStatus Status { get; init; }
    public required string ShortCode { get; init; }
    public required IReadOnlyList<Role> Roles { get; init; }
    public required IReadOnlyList<string> HazardPoints { get; init; }
    public required bool Exercise { get; init; }
    public required bool AnswerExpected { get; init; }
    public required bool ChainCancelled { get; init; }
    public required DateTimeOffset? Expires { get; init; }
    public required Warning Warning { get; init; }
    /// <summary>For an escalation notice: the silent notification it is about.</summary>
    public SilentNotification? Silent { get; init; }

    public SendContext SendContext => new(Kind, Status, ChainCancelled, Expires);
}

/// <summary>The silent person an escalation notice asks to reach, and since when they are silent.</summary>
public sealed record SilentNotification(long Id, string PersonId, IReadOnlyList<string> HazardPoints, DateTimeOffset? Since);

/// <summary>The deliveries table as the dispatcher works it: claim due rows under a lease, then
/// record what each attempt gave. Every attempt is also kept in <c>delivery_attempts</c>.</summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> deliveries that are due (queued with their next attempt
    /// due, or sending under a lease that ran out) for <paramref name="owner"/> until
    /// <c>now + lease</c>, in one statement; returns them in sending order (higher level first, then older).
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct);

    /// <summary>The provider confirmed the request: the delivery is accepted (never sent again) and its
    /// notification is sent, its first accepted send kept once. Only a delivery in <c>sending</c> moves:
    /// a status callback that came first (<c>delivered</c>) is never overwritten; the attempt is recorded either way.</summary>
    Task RecordAcceptedAsync(long deliveryId, SendOutcome.Accepted accepted, DateTimeOffset at, CancellationToken ct);

    /// <summary>A transient failure to be tried again at <paramref name="nextAttemptAt"/>.</summary>
    Task RecordRetryAsync(long deliveryId, string reason, DateTimeOffset nextAttemptAt, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// The delivery failed for good. <paramref name="fallback"/> channels not yet used in its round are
    /// queued for the same notification (marked fallback); a <paramref name="flag"/> is added to the
    /// notification for admins. A notification whose every delivery failed is failed.
    /// </summary>
    Task RecordFailedAsync(long deliveryId, string outcome, string reason, string? errorCode, IReadOnlyList<Channel> fallback, string? flag,
        DateTimeOffset at, CancellationToken ct);

    /// <summary>The delivery will never be sent (its warning was cancelled or expired, or it was answered).</summary>
    Task CancelAsync(long deliveryId, SkipReason reason, CancellationToken ct);
}

/// <summary>What the outbox channel "sends": a row per message, for the board and for tests.</summary>
public sealed record OutboxMessage(long Id, long DeliveryId, Channel Channel, string Address, string? Subject, string Body, DateTimeOffset CreatedAt);

public interface IOutboxStore
{
    Task<long> WriteAsync(OutgoingMessage message, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<OutboxMessage>> ListAsync(int limit, CancellationToken ct);
}
