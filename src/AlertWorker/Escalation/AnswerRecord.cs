namespace AlertWorker.Escalation;

/// <summary>
/// The 叫应 record of one warning (SPEC §7): every notification of its chain, whom it went to, in
/// which roles and over which channels, when it was first sent (accepted by a provider) and
/// delivered, when, how and by whom it was answered, and each escalation step it caused.
/// </summary>
public sealed record AnswerRecord(string WarningKey, string ChainKey, IReadOnlyList<RecordedNotification> Notifications);

public sealed record RecordedNotification
{
    public required long Id { get; init; }
    public required string WarningKey { get; init; }
    public required string PersonId { get; init; }
    /// <summary>The person's name in the latest directory version, empty when they left it.</summary>
    public required string Name { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    /// <summary>warning, level-raised, update-notice, released, escalation.</summary>
    public required string Kind { get; init; }
    public required string Level { get; init; }
    /// <summary>The channels a provider accepted, in the order they were; the planned ones when none was.</summary>
    public required IReadOnlyList<string> Channels { get; init; }
    public required bool Exercise { get; init; }
    public required string State { get; init; }
    public string? ClosedReason { get; init; }
    public DateTimeOffset? Sent { get; init; }
    public DateTimeOffset? Delivered { get; init; }
    public DateTimeOffset? Answered { get; init; }
    public string? AnswerMethod { get; init; }
    public string? AnsweredBy { get; init; }
    public string? AnswerNote { get; init; }
    /// <summary>For an escalation notice: the silent notification and the step that sent it.</summary>
    public long? EscalationOf { get; init; }
    public int? EscalationStep { get; init; }
    public string? Flagged { get; init; }
    public IReadOnlyList<RecordedStep> Steps { get; init; } = [];
}

/// <summary>An escalation step taken for a silent notification: when it was due and done, what it
/// did, whom it named and the escalation notices it planned.</summary>
public sealed record RecordedStep(int Step, string Action, DateTimeOffset DueAt, DateTimeOffset DoneAt, IReadOnlyList<string> Targets, IReadOnlyList<long> Notices);

/// <summary>
/// The 叫应 record of one local day: every warning document received in it that planned a
/// notification, oldest first, each with the notifications planned for that document (escalation
/// notices, later steps and answers included, whenever they came). Every notification belongs to
/// exactly one day: the day its warning document was received.
/// </summary>
public sealed record DayRecord(DateOnly Day, IReadOnlyList<DayWarning> Warnings);

/// <summary>A warning document of the day: when it came, what it said and did, who entered it when a
/// duty officer did, and its notifications.</summary>
public sealed record DayWarning
{
    public required string WarningKey { get; init; }
    public required DateTimeOffset Received { get; init; }
    public required string Status { get; init; }
    public required string MsgType { get; init; }
    public required string Event { get; init; }
    public required string Headline { get; init; }
    public required string Action { get; init; }
    /// <summary>The user who entered it by hand (phone, fax, drill, test message); null for a feed's warning.</summary>
    public string? EnteredBy { get; init; }
    /// <summary>Who it came from, as the duty officer wrote it down.</summary>
    public string? Origin { get; init; }
    public required IReadOnlyList<RecordedNotification> Notifications { get; init; }
}

public interface IAnswerRecordStore
{
    /// <summary>The record of the warning's chain, or null when no warning has this key.</summary>
    Task<AnswerRecord?> LoadAsync(string warningKey, CancellationToken ct);

    /// <summary>The warnings received from <paramref name="from"/> (inclusive) to <paramref name="to"/>
    /// (exclusive) that planned a notification, with those notifications.</summary>
    Task<IReadOnlyList<DayWarning>> LoadReceivedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
