using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Lifecycle;

/// <summary>
/// What is stored about earlier warnings, as the lifecycle decision needs it. The worker reads it
/// from its database; <c>replay</c> keeps it in memory from an empty start.
/// </summary>
public interface IWarningHistory
{
    /// <summary>Was this key seen before, ignored ones included?</summary>
    bool HasSeen(string key);

    /// <summary>The Update/Cancel chain that this key belongs to, when the key was accepted into one.</summary>
    WarningChain? FindChain(string key);
}

/// <summary>
/// The state of one warning and its Updates/Cancel: the latest accepted content and who was told
/// what, so that the next Update can be decided against it. Serialised as JSON by the stores.
/// </summary>
public sealed record WarningChain
{
    public required string ChainKey { get; init; }
    /// <summary>Every key accepted into the chain, first one first.</summary>
    public required IReadOnlyList<string> Keys { get; init; }
    /// <summary>The latest accepted Alert or Update of the chain (a Cancel marks the chain
    /// <see cref="Cancelled"/> and leaves the content it lifts here).</summary>
    public required Warning Latest { get; init; }
    /// <summary>The affected hazard points of <see cref="Latest"/> when it was accepted, sorted.</summary>
    public IReadOnlyList<string> HazardPoints { get; init; } = [];
    /// <summary>The affected regions of <see cref="Latest"/> when it was accepted, sorted.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];
    /// <summary>Every person told in the chain and what they were last told.</summary>
    public required IReadOnlyList<NotifiedPerson> Notified { get; init; }
    public bool Cancelled { get; init; }
}

/// <summary>A person told in a chain: at what level, about which points, and whether they have been released.
/// Roles, channels and the fallback flag are those of the last notice, so that a 解除 goes the same way.</summary>
public sealed record NotifiedPerson(string PersonId, Level Level, IReadOnlyList<string> HazardPoints, bool Released)
{
    public IReadOnlyList<Role> Roles { get; init; } = [];
    public IReadOnlyList<Channel> Channels { get; init; } = [];
    public bool Fallback { get; init; }
}
