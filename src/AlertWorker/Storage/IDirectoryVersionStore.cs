using AlertWorker.Directory;
using AlertWorker.Domain.Directory;

namespace AlertWorker.Storage;

/// <summary>
/// The directory versions the worker has applied (SPEC §4) and the audit log of their changes
/// (SPEC §9): every valid change, from the config folder or an admin, gets a new version number;
/// every instance runs on the latest one, and it carries the worker when the folder is broken at start.
/// </summary>
public interface IDirectoryVersionStore
{
    /// <summary>
    /// Stores the snapshot as the next version with its changes, in one transaction, and returns the
    /// version's number; null, storing nothing, when <see cref="NewDirectoryVersion.ExpectedLatest"/>
    /// is set and another version was stored since.
    /// </summary>
    Task<long?> SaveAsync(NewDirectoryVersion version, CancellationToken ct);

    /// <summary>The latest stored version, or null when none was stored yet.</summary>
    Task<StoredDirectoryVersion?> LoadLatestAsync(CancellationToken ct);

    /// <summary>The latest version's number, 0 when none: what other instances' edits are noticed by.</summary>
    Task<long> LatestNumberAsync(CancellationToken ct);

    /// <summary>The source of the latest version read from the config folder (its directory fingerprint), or null.</summary>
    Task<string?> LatestFolderSourceAsync(CancellationToken ct);

    /// <summary>The audit log, newest first: up to <paramref name="limit"/> entries older than <paramref name="beforeId"/>.</summary>
    Task<IReadOnlyList<DirectoryAuditEntry>> ListChangesAsync(int limit, long? beforeId, CancellationToken ct);
}

/// <summary>A version to store: the snapshot, where it came from, who made it (null: the config
/// folder), when, what changed, and the version it was made on when it must still be the latest.</summary>
public sealed record NewDirectoryVersion(
    DirectorySnapshot Directory, string Source, string? ChangedBy, DateTimeOffset At,
    IReadOnlyList<DirectoryChange> Changes, long? ExpectedLatest = null);

/// <summary>A stored directory version; <c>Source</c> says where it came from (for the config folder,
/// the fingerprint of its directory files, so an unchanged folder does not make a new version at every start).</summary>
public sealed record StoredDirectoryVersion(long Version, string Source, string? ChangedBy, DirectorySnapshot Directory);

/// <summary>One audit log entry: a row added, changed or removed (columns by name), or a table loaded first.</summary>
public sealed record DirectoryAuditEntry(
    long Id, long Version, DateTimeOffset At, string? ChangedBy, string Table, ChangeAction Action, string Key,
    IReadOnlyDictionary<string, string>? Before, IReadOnlyDictionary<string, string>? After);
