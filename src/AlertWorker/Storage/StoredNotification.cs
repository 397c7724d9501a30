using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Storage;

/// <summary>One row of the outbox.</summary>
public sealed record StoredNotification(
    long Id,
    string WarningKey,
    string ChainKey,
    string PersonId,
    NoticeKind Kind,
    Level Level,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<string> HazardPoints,
    bool Exercise,
    bool Fallback,
    string State,
    DateTimeOffset CreatedAt);
