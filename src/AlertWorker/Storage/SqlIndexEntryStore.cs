using System.Data.Common;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqlIndexEntryStore(DbDataSource database) : IIndexEntryStore
{
    public async Task<StoredIndexEntry?> FindAsync(string feedId, string entryId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition(
            """
            SELECT feed_id AS FeedId, entry_id AS EntryId, updated AS Updated, url AS Url, fetched_at AS FetchedAt
            FROM index_entries WHERE feed_id = @FeedId AND entry_id = @EntryId
            """,
            new { FeedId = feedId, EntryId = entryId }, cancellationToken: ct));
        return row is null
            ? null
            : new StoredIndexEntry(row.FeedId, row.EntryId, row.Updated, row.Url, row.FetchedAt);
    }

    public async Task SaveAsync(StoredIndexEntry entry, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO index_entries (feed_id, entry_id, updated, url, fetched_at)
            VALUES (@FeedId, @EntryId, @Updated, @Url, @FetchedAt)
            ON CONFLICT (feed_id, entry_id) DO UPDATE SET
                updated = excluded.updated, url = excluded.url, fetched_at = excluded.fetched_at
            """,
            new
            {
                entry.FeedId,
                entry.EntryId,
                entry.Updated,
                entry.Url,
                entry.FetchedAt,
            },
            cancellationToken: ct));
    }

    private sealed class EntryRow
    {
        public string FeedId { get; init; } = "";
        public string EntryId { get; init; } = "";
        public DateTimeOffset? Updated { get; init; }
        public string Url { get; init; } = "";
        public DateTimeOffset FetchedAt { get; init; }
    }
}
