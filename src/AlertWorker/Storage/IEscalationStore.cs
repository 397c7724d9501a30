using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Escalation;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Storage;

/// <summary>A notification whose 叫应 cycle may escalate: it expects an answer and was sent.</summary>
public sealed record EscalatingNotification(
    long Id,
    string PersonId,
    string WarningKey,
    string ChainKey,
    Level Level,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<string> HazardPoints,
    bool Exercise,
    NotificationState State);

/// <summary>Who an escalation step notifies, in what role and over which channels.</summary>
public sealed record EscalationTarget(string PersonId, IReadOnlyList<Role> Roles, IReadOnlyList<Channel> Channels, bool Fallback);

/// <summary>One escalation step to record: the repeat channels (a repeat) or the people to notify.</summary>
public sealed record EscalationStepTaken(DueStep Step, IReadOnlyList<Channel> RepeatChannels, IReadOnlyList<EscalationTarget> Targets, DateTimeOffset At);

public interface IEscalationStore
{
    /// <summary>Closes, quietly (no notice), the open notifications of warnings that expired by now.</summary>
    Task<int> CloseExpiredAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Notifications of the person's own cycle (Warning, LevelRaised) that expect an answer,
    /// were accepted by a provider and are neither answered nor closed, with the steps already taken.</summary>
    Task<IReadOnlyList<EscalatingNotification>> ListEscalatingAsync(CancellationToken ct);

    /// <summary>
    /// Records the step and does it, in one transaction: a repeat queues a new round of deliveries on
    /// the same notification; a notify plans one escalation notice per target. False when the step
    /// was already taken (by another instance), and nothing is written.
    /// </summary>
    Task<bool> TakeStepAsync(EscalatingNotification silent, EscalationStepTaken step, CancellationToken ct);
}
