using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Escalation;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Feeds;

namespace AlertWorker.Web.Board;

/// <summary>Where a recipient's notification stands, in the order the board lists them.</summary>
public enum RecipientPhase
{
    /// <summary>Sent and waiting for the answer it expects.</summary>
    Pending,
    /// <summary>Not yet accepted by any provider.</summary>
    Queued,
    /// <summary>Every channel failed for good.</summary>
    Failed,
    /// <summary>No answer expected; the provider reported it delivered.</summary>
    Delivered,
    /// <summary>No answer expected; a provider accepted it.</summary>
    Sent,
    Answered,
    /// <summary>Ended without an answer (cancelled, expired, superseded, released).</summary>
    Closed,
}

/// <summary>An escalation notice sent about a silent person: to whom, and whether they answered it.</summary>
public sealed record EscalationNotice(BoardNotification Notice, Person? To);

/// <summary>An escalation step taken for a silent person, with the notices it sent.</summary>
public sealed record TakenStep(BoardStep Step, IReadOnlyList<string> TargetNames, IReadOnlyList<EscalationNotice> Notices);

/// <summary>One person of one warning: their own notification and what became of it.</summary>
public sealed record RecipientRow(
    BoardNotification Notification,
    Person? Person,
    IReadOnlyList<HazardPoint> Points,
    RecipientPhase Phase,
    TimeSpan? Waiting,
    bool Overdue,
    DueStep? NextStep,
    IReadOnlyList<TakenStep> Steps)
{
    /// <summary>The next step is due already: the next escalation pass takes it.</summary>
    public bool NextIsDue { get; init; }
}

/// <summary>Answer statistics of one warning (the 叫应 rate).</summary>
public sealed record AnswerStatistics(int Recipients, int Expected, int Answered, int Pending, int Escalated, TimeSpan? MedianTimeToAnswer)
{
    public int? AnsweredPercent => Expected == 0 ? null : (int)Math.Round(100.0 * Answered / Expected);
}

public sealed record WarningView(BoardWarning Warning, IReadOnlyList<RecipientRow> Rows, AnswerStatistics Statistics);

public sealed record FeedView(FeedDefinition Feed, FeedHealth Health, bool Stale);

public sealed record DutyView(IReadOnlyList<(Shift Shift, Person? Person)> OnShift, IReadOnlyList<RosterGap> Gaps);

/// <summary>Everything one rendering of the board shows, computed at one instant.</summary>
public sealed record BoardView(
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    string UserName,
    IReadOnlyList<WarningView> Warnings,
    IReadOnlyList<FeedView> Feeds,
    IReadOnlyList<(Channel Channel, string Provider)> Channels,
    IReadOnlyList<Channel> OnOutbox,
    IReadOnlyDictionary<Channel, int> OutboxToday,
    IReadOnlyList<(BoardOutboxMessage Message, Person? Person)> Outbox,
    DutyView Duty,
    IReadOnlyList<ConfigProblem> ConfigProblems);

/// <summary>The board's decisions, apart from I/O: each recipient's phase, how long they have been
/// waiting, the next escalation due, the statistics, the duty roster ahead.</summary>
public static class BoardModel
{
    /// <summary>How far ahead the board looks for gaps in the roster.</summary>
    public static readonly TimeSpan RosterHorizon = TimeSpan.FromDays(7);

    public static WarningView ViewOf(BoardWarning warning, DirectorySnapshot? directory, AlertPolicy? policy, DateTimeOffset now)
    {
        var notices = warning.Notifications.Where(n => n.EscalationOf is not null).ToLookup(n => (n.EscalationOf!.Value, n.EscalationStep ?? 0));
        var rows = warning.Notifications
            .Where(n => n.EscalationOf is null)
            .GroupBy(n => n.PersonId, StringComparer.Ordinal)
            .Select(g => RowOf(MainOf(g), directory, policy, notices, now))
            .OrderBy(r => r.Phase)
            .ThenByDescending(r => r.Waiting ?? TimeSpan.Zero)
            .ThenBy(r => r.Notification.Id)
            .ToList();
        return new WarningView(warning, rows, StatisticsOf(rows));
    }

    /// <summary>The notification that says where the person stands: their latest own cycle (a warning,
    /// a raised level) or 解除, else their latest notice of any kind.</summary>
    private static BoardNotification MainOf(IEnumerable<BoardNotification> ofPerson)
    {
        var list = ofPerson.OrderByDescending(n => n.Id).ToList();
        return list.FirstOrDefault(n => n.Kind is NoticeKind.Warning or NoticeKind.LevelRaised or NoticeKind.Released) ?? list[0];
    }

    public static RecipientPhase PhaseOf(BoardNotification n) => n.Status switch
    {
        NotificationStatus.Acknowledged => RecipientPhase.Answered,
        NotificationStatus.Closed => RecipientPhase.Closed,
        NotificationStatus.Failed => RecipientPhase.Failed,
        NotificationStatus.Planned => RecipientPhase.Queued,
        _ when n.AnswerExpected => RecipientPhase.Pending,
        _ when n.DeliveredAt is not null => RecipientPhase.Delivered,
        _ => RecipientPhase.Sent,
    };

    private static RecipientRow RowOf(
        BoardNotification n, DirectorySnapshot? directory, AlertPolicy? policy, ILookup<(long, int), BoardNotification> notices, DateTimeOffset now)
    {
        var phase = PhaseOf(n);
        TimeSpan? waiting = phase switch
        {
            RecipientPhase.Pending => now - (n.FirstAcceptedAt ?? n.CreatedAt),
            RecipientPhase.Queued => now - n.CreatedAt,
            _ => null,
        };
        var state = new NotificationState(n.Status, n.AnswerExpected, n.FirstAcceptedAt, n.Steps.Select(s => s.Step).ToHashSet());
        var levelPolicy = n.Kind is NoticeKind.Warning or NoticeKind.LevelRaised ? policy?.For(n.Level) : null;
        var people = directory?.PeopleById;
        var steps = n.Steps.Select(s => new TakenStep(
            s,
            s.Targets.Select(id => people?.GetValueOrDefault(id)?.Name ?? id).ToList(),
            notices[(n.Id, s.Step)].Select(x => new EscalationNotice(x, people?.GetValueOrDefault(x.PersonId))).ToList())).ToList();
        var next = levelPolicy is null ? null : EscalationDecision.Next(state, levelPolicy);
        return new RecipientRow(
            n,
            people?.GetValueOrDefault(n.PersonId),
            n.HazardPoints.Select(id => directory?.PointsById.GetValueOrDefault(id)).OfType<HazardPoint>().ToList(),
            phase,
            waiting,
            levelPolicy is not null && EscalationDecision.Decide(state, levelPolicy, now).Overdue,
            next,
            steps) { NextIsDue = next is not null && next.DueAt <= now };
    }

    private static AnswerStatistics StatisticsOf(IReadOnlyList<RecipientRow> rows)
    {
        var expected = rows.Where(r => r.Notification.AnswerExpected).ToList();
        var times = expected
            .Where(r => r.Phase == RecipientPhase.Answered && r.Notification.AnsweredAt is not null)
            .Select(r => r.Notification.AnsweredAt!.Value - (r.Notification.FirstAcceptedAt ?? r.Notification.CreatedAt))
            .Order()
            .ToList();
        return new AnswerStatistics(
            rows.Count,
            expected.Count,
            expected.Count(r => r.Phase == RecipientPhase.Answered),
            expected.Count(r => r.Phase is RecipientPhase.Pending or RecipientPhase.Queued),
            expected.Count(r => r.Steps.Count > 0),
            times.Count == 0 ? null : times[times.Count / 2]);
    }

    /// <summary>Who is on shift in a duty role now, and the stretches of the next days nobody covers.</summary>
    public static DutyView DutyOf(DirectorySnapshot? directory, DateTimeOffset now)
    {
        if (directory is null) return new DutyView([], []);
        var onShift = directory.OnShift(now)
            .Where(s => s.Role.IsDutyRole())
            .OrderBy(s => s.Role)
            .Select(s => (s, directory.PeopleById.GetValueOrDefault(s.PersonId)))
            .ToList();
        var gaps = new[] { Role.DutyOfficer, Role.DutyLeader }
            .SelectMany(role => RosterCoverage.Gaps(directory.Shifts, role, now, now + RosterHorizon))
            .OrderBy(g => g.Start)
            .ToList();
        return new DutyView(onShift, gaps);
    }
}
