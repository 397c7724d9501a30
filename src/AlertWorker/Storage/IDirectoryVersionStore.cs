using AlertWorker.Domain.Directory;

namespace AlertWorker.Storage;

/// <summary>The directory versions the worker has applied (SPEC §4): every valid change gets a
/// new version number, and the last one carries the worker when the CSV folder is broken at start.</summary>
public interface IDirectoryVersionStore
{
    /// <summary>Stores the snapshot as the next version and returns that version's number.</summary>
    Task<long> SaveAsync(DirectorySnapshot directory, string source, DateTimeOffset loadedAt, CancellationToken ct);

    /// <summary>The latest stored version, or null when none was stored yet.</summary>
    Task<StoredDirectoryVersion?> LoadLatestAsync(CancellationToken ct);
}

/// <summary>A stored directory version; <c>Source</c> says where it came from (the config folder's
/// fingerprint, so an unchanged folder does not make a new version at every start).</summary>
public sealed record StoredDirectoryVersion(long Version, string Source, DirectorySnapshot Directory);
