using AlertWorker.Feeds;

namespace AlertWorker.Storage;

public interface IFeedHealthStore
{
    /// <summary>The feed's health, or an empty one when it was never polled.</summary>
    Task<FeedHealth> GetAsync(string feedId, CancellationToken ct);

    Task<IReadOnlyList<FeedHealth>> ListAsync(CancellationToken ct);

    Task SaveAsync(FeedHealth health, CancellationToken ct);
}

/// <summary>A cap-index entry already fetched: its <c>updated</c> time tells whether it changed.</summary>
public sealed record StoredIndexEntry(string FeedId, string EntryId, DateTimeOffset? Updated, string Url, DateTimeOffset FetchedAt);

public interface IIndexEntryStore
{
    Task<StoredIndexEntry?> FindAsync(string feedId, string entryId, CancellationToken ct);

    Task SaveAsync(StoredIndexEntry entry, CancellationToken ct);
}
