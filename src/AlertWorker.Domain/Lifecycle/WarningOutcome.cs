using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Lifecycle;

public enum WarningAction { Notify, Update, Cancel, Ignored }

/// <summary>Why a warning reaches nobody (SPEC §2.1 <c>reason</c>).</summary>
public enum IgnoreReason { Duplicate, Draft, System, Test, Expired, UnknownReference, BelowPolicy, NoRecipients }

/// <summary>One person told about a warning, with every role and point they answer for.</summary>
public sealed record Recipient(
    string PersonId,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<string> HazardPoints,
    bool Exercise,
    bool Fallback);

/// <summary>What a person is sent about a warning.</summary>
public enum NoticeKind
{
    /// <summary>The full warning: a new 叫应 cycle that expects an answer when the level asks for one.</summary>
    Warning,
    /// <summary>The level went up for someone already told: the full warning again, new 叫应 cycle.</summary>
    LevelRaised,
    /// <summary>A short notice that level, area or expiry changed; no new cycle.</summary>
    UpdateNotice,
    /// <summary>解除: the warning no longer concerns this person (cancelled, or no longer in the area).</summary>
    Released,
    /// <summary>An escalation notice: someone else is silent; reach them (SPEC §7). Planned by the
    /// escalation, never by the lifecycle.</summary>
    Escalation,
    /// <summary>A test message a duty officer sent to one person over one channel, to check that it
    /// reaches them: marked 【测试】/[TEST], expects no answer, never escalated, no fallback.</summary>
    Test,
}

/// <summary>A notification to plan for one person (the outbox row, before any send).</summary>
public sealed record PlannedNotice(
    string PersonId,
    NoticeKind Kind,
    Level Level,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<string> HazardPoints,
    bool Exercise,
    bool Fallback);

/// <summary>
/// The result of taking one warning through lifecycle and matching: what to do, why not if
/// nothing, who is concerned and what each of them gets. Pure data; the worker stores it,
/// <c>replay</c> prints it.
/// </summary>
public sealed record WarningOutcome
{
    public required Warning Warning { get; init; }
    public required WarningAction Action { get; init; }
    public IgnoreReason? Reason { get; init; }
    /// <summary>Key of the first warning of the Update/Cancel chain this one belongs to (its own key when new).</summary>
    public required string ChainKey { get; init; }
    public IReadOnlyList<string> HazardPoints { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<Recipient> Recipients { get; init; } = [];
    /// <summary>People who get a 解除 notice from this document.</summary>
    public IReadOnlyList<string> Released { get; init; } = [];
    public IReadOnlyList<PlannedNotice> Notices { get; init; } = [];
    /// <summary>Geocode values that name no known region (ignored by matching; the host logs them once).</summary>
    public IReadOnlyList<string> UnknownGeocodes { get; init; } = [];
}
