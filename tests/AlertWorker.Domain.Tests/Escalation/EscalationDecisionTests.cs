using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Escalation;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Domain.Tests.Escalation;

public class EscalationDecisionTests
{
    private static readonly DateTimeOffset Accepted = new(2026, 6, 14, 6, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The sample red level: 10 min repeat, 20 min township duty, 30 min county duty and leader.</summary>
    private static readonly LevelPolicy Red = new(
        new HashSet<Role> { Role.Monitor },
        [Channel.Voice, Channel.Sms],
        TimeSpan.FromMinutes(10),
        [
            new EscalationStepPolicy(TimeSpan.FromMinutes(10), EscalationAction.Repeat, []),
            new EscalationStepPolicy(TimeSpan.FromMinutes(20), EscalationAction.Notify, [Role.TownshipDuty]),
            new EscalationStepPolicy(TimeSpan.FromMinutes(30), EscalationAction.Notify, [Role.CountyDuty, Role.DutyLeader]),
        ]);

    private static NotificationState Sent(params int[] taken) => new(NotificationStatus.Sent, true, Accepted, taken.ToHashSet());

    private static int[] Steps(EscalationDecision d) => d.Due.Select(s => s.Step).ToArray();

    [Fact]
    public void Decide_NoAnswerAfterTenMinutes_CallsAgain()
    {
        var decision = EscalationDecision.Decide(Sent(), Red, Accepted.AddMinutes(10));

        var step = Assert.Single(decision.Due);
        Assert.Equal((1, EscalationAction.Repeat, Accepted.AddMinutes(10)), (step.Step, step.Policy.Action, step.DueAt));
        Assert.True(decision.Overdue);
    }

    [Fact]
    public void Decide_NineMinutesFiftyNine_NothingDueNotOverdue()
    {
        var decision = EscalationDecision.Decide(Sent(), Red, Accepted.AddMinutes(10).AddSeconds(-1));

        Assert.Empty(decision.Due);
        Assert.False(decision.Overdue);
    }

    [Fact]
    public void Decide_RepeatTakenTwentyMinutes_NotifiesTownshipDuty()
    {
        var step = Assert.Single(EscalationDecision.Decide(Sent(1), Red, Accepted.AddMinutes(20)).Due);

        Assert.Equal([Role.TownshipDuty], step.Policy.Notify);
    }

    [Fact]
    public void Decide_ThirtyMinutesAfterTwoSteps_NotifiesCountyDutyAndLeader()
    {
        var step = Assert.Single(EscalationDecision.Decide(Sent(1, 2), Red, Accepted.AddMinutes(30)).Due);

        Assert.Equal([Role.CountyDuty, Role.DutyLeader], step.Policy.Notify);
    }

    public static TheoryData<NotificationState, int, int[], bool> Table => new()
    {
        // never accepted by a provider: the clock has not started
        { new NotificationState(NotificationStatus.Planned, true, null, new HashSet<int>()), 60, [], false },
        // answered: the chain is closed
        { new NotificationState(NotificationStatus.Acknowledged, true, Accepted, new HashSet<int>()), 60, [], false },
        // closed (cancelled, expired, superseded): nothing more
        { new NotificationState(NotificationStatus.Closed, true, Accepted, new HashSet<int>()), 60, [], false },
        // no answer expected (update notice, blue): nothing
        { new NotificationState(NotificationStatus.Sent, false, Accepted, new HashSet<int>()), 60, [], false },
        // the worker was down: every missed step is due at once, in order
        { Sent(), 35, [1, 2, 3], true },
        // every step taken: nothing due, still overdue
        { Sent(1, 2, 3), 90, [], true },
        // a failed notification that was accepted before (later channels failed) still escalates
        { new NotificationState(NotificationStatus.Failed, true, Accepted, new HashSet<int>()), 10, [1], true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_Table_StepsDueAndOverdue(NotificationState state, int minutes, int[] due, bool overdue)
    {
        var decision = EscalationDecision.Decide(state, Red, Accepted.AddMinutes(minutes));

        Assert.Equal(due, Steps(decision));
        Assert.Equal(overdue, decision.Overdue);
    }

    [Fact]
    public void Decide_LevelWithoutAckWithin_NeverOverdueNoSteps()
    {
        var blue = new LevelPolicy(new HashSet<Role>(), [Channel.Email], null, []);

        var decision = EscalationDecision.Decide(Sent(), blue, Accepted.AddHours(5));

        Assert.Empty(decision.Due);
        Assert.False(decision.Overdue);
    }

    [Theory]
    // nothing taken yet: the repeat at 10 minutes
    [InlineData(new int[0], 1, 10)]
    // repeat taken: the township duty at 20 minutes
    [InlineData(new[] { 1 }, 2, 20)]
    // a step skipped (taken out of order by another instance) is still next
    [InlineData(new[] { 2 }, 1, 10)]
    public void Next_StepsTaken_EarliestStepNotTaken(int[] taken, int step, int minutes)
    {
        var next = EscalationDecision.Next(Sent(taken), Red);

        Assert.Equal((step, Accepted.AddMinutes(minutes)), (next!.Step, next.DueAt));
    }

    [Fact]
    public void Next_EveryStepTaken_Null() => Assert.Null(EscalationDecision.Next(Sent(1, 2, 3), Red));

    [Fact]
    public void Next_Answered_Null() =>
        Assert.Null(EscalationDecision.Next(new NotificationState(NotificationStatus.Acknowledged, true, Accepted, new HashSet<int>()), Red));

    [Fact]
    public void Next_NotYetAccepted_Null() =>
        Assert.Null(EscalationDecision.Next(new NotificationState(NotificationStatus.Planned, true, null, new HashSet<int>()), Red));
}
