using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Web.Board;

/// <summary>A warning chain in force (not cancelled, not expired): its latest warning and every
/// notification of the chain, escalation notices included.</summary>
public sealed record BoardWarning(string ChainKey, Warning Latest, DateTimeOffset UpdatedAt, IReadOnlyList<BoardNotification> Notifications)
{
    public bool Exercise => Latest.Status == WarningStatus.Exercise;
}

/// <summary>One notification as the board shows it (the <c>notifications</c> row, its deliveries and escalation steps).</summary>
public sealed record BoardNotification
{
    public required long Id { get; init; }
    public required string PersonId { get; init; }
    public required NoticeKind Kind { get; init; }
    public required Level Level { get; init; }
    public required IReadOnlyList<Role> Roles { get; init; }
    /// <summary>The channels a provider accepted, in order; the planned ones when none was yet.</summary>
    public required IReadOnlyList<Channel> Channels { get; init; }
    public required IReadOnlyList<string> HazardPoints { get; init; }
    public required bool AnswerExpected { get; init; }
    public required NotificationStatus Status { get; init; }
    public ClosedReason? ClosedReason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FirstAcceptedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public AnswerMethod? AnswerMethod { get; init; }
    public string? AnsweredBy { get; init; }
    public string? AnswerNote { get; init; }
    /// <summary>Deliveries that failed for good (all channels failed when <see cref="Status"/> is Failed).</summary>
    public string? Flagged { get; init; }
    public long? EscalationOf { get; init; }
    public int? EscalationStep { get; init; }
    public IReadOnlyList<BoardStep> Steps { get; init; } = [];
}

/// <summary>An escalation step taken for a silent notification, with the people it named.</summary>
public sealed record BoardStep(int Step, string Action, DateTimeOffset DueAt, DateTimeOffset DoneAt, IReadOnlyList<string> Targets);

/// <summary>A message the local outbox "sent" (nothing left the machine), with the person it was for.</summary>
public sealed record BoardOutboxMessage(DateTimeOffset CreatedAt, Channel Channel, string PersonId, string? Subject, string Body);

/// <summary>The reads behind the duty board (SPEC §9). Kept in one place so that a PostgreSQL store can follow.</summary>
public interface IBoardStore
{
    /// <summary>Chains not cancelled and not expired at <paramref name="now"/>, most severe first, then newest.</summary>
    Task<IReadOnlyList<BoardWarning>> ActiveWarningsAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>The latest messages of the local outbox, newest first.</summary>
    Task<IReadOnlyList<BoardOutboxMessage>> RecentOutboxAsync(int limit, CancellationToken ct);

    /// <summary>How many messages the outbox holds per channel since <paramref name="since"/>.</summary>
    Task<IReadOnlyDictionary<Channel, int>> OutboxCountsAsync(DateTimeOffset since, CancellationToken ct);
}
