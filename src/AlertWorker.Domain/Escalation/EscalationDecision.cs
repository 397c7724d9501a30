using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Domain.Escalation;

/// <summary>What the escalation decision needs to know about one notification.</summary>
/// <param name="StepsTaken">Step numbers (1-based, in the level's escalation list) already taken.</param>
public sealed record NotificationState(
    NotificationStatus Status,
    bool AnswerExpected,
    DateTimeOffset? FirstAcceptedAt,
    IReadOnlySet<int> StepsTaken);

/// <summary>An escalation step that is due: its 1-based number, what it does and when it fell due.</summary>
public sealed record DueStep(int Step, EscalationStepPolicy Policy, DateTimeOffset DueAt);

/// <summary>
/// The escalation of one silent notification (SPEC §7), as a pure decision: the steps of the
/// level's <c>escalation</c> list that are due now and not yet taken, and whether the notification
/// is past its <c>ackWithin</c>. The clock starts at the first send a provider accepted: nothing
/// is due before it, and nothing once the notification was answered or closed.
/// </summary>
public sealed record EscalationDecision(IReadOnlyList<DueStep> Due, bool Overdue)
{
    public static readonly EscalationDecision Nothing = new([], false);

    public static EscalationDecision Decide(NotificationState state, LevelPolicy policy, DateTimeOffset now)
    {
        if (!state.AnswerExpected || state.Status.IsFinished() || state.FirstAcceptedAt is not { } start)
            return Nothing;

        var due = policy.Escalation
            .Select((step, index) => new DueStep(index + 1, step, start + step.After))
            .Where(s => s.DueAt <= now && !state.StepsTaken.Contains(s.Step))
            .ToList();
        var overdue = policy.AckWithin is { } ackWithin && now >= start + ackWithin;
        return new EscalationDecision(due, overdue);
    }

    /// <summary>The earliest step not yet taken (the board's "next escalation due"), whether or not
    /// it is due yet; null when the notification cannot escalate or every step was taken.</summary>
    public static DueStep? Next(NotificationState state, LevelPolicy policy)
    {
        if (!state.AnswerExpected || state.Status.IsFinished() || state.FirstAcceptedAt is not { } start)
            return null;

        return policy.Escalation
            .Select((step, index) => new DueStep(index + 1, step, start + step.After))
            .Where(s => !state.StepsTaken.Contains(s.Step))
            .OrderBy(s => s.DueAt)
            .ThenBy(s => s.Step)
            .FirstOrDefault();
    }
}
