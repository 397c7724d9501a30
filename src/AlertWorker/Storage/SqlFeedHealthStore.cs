using System.Data.Common;
using AlertWorker.Feeds;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqlFeedHealthStore(DbDataSource database) : IFeedHealthStore
{
    private const string Select =
        """
        SELECT feed_id AS FeedId, last_attempt AS LastAttempt, last_success AS LastSuccess, last_error AS LastError,
               last_error_at AS LastErrorAt, consecutive_failures AS ConsecutiveFailures, last_change AS LastChange,
               content_hash AS ContentHash, rejections_last AS Rejections, etag AS ETag, last_modified AS LastModified
        FROM feed_health
        """;

    public async Task<FeedHealth> GetAsync(string feedId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<HealthRow>(new CommandDefinition(
            $"{Select} WHERE feed_id = @FeedId", new { FeedId = feedId }, cancellationToken: ct));
        return row?.ToHealth() ?? FeedHealth.Empty(feedId);
    }

    public async Task<IReadOnlyList<FeedHealth>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<HealthRow>(new CommandDefinition($"{Select} ORDER BY feed_id", cancellationToken: ct));
        return rows.Select(r => r.ToHealth()).ToList();
    }

    public async Task SaveAsync(FeedHealth health, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO feed_health (feed_id, last_attempt, last_success, last_error, last_error_at, consecutive_failures,
                                     last_change, content_hash, rejected_count_last, rejections_last, etag, last_modified)
            VALUES (@FeedId, @LastAttempt, @LastSuccess, @LastError, @LastErrorAt, @ConsecutiveFailures,
                    @LastChange, @ContentHash, @RejectedCount, @Rejections, @ETag, @LastModified)
            ON CONFLICT (feed_id) DO UPDATE SET
                last_attempt = excluded.last_attempt, last_success = excluded.last_success,
                last_error = excluded.last_error, last_error_at = excluded.last_error_at,
                consecutive_failures = excluded.consecutive_failures, last_change = excluded.last_change,
                content_hash = excluded.content_hash, rejected_count_last = excluded.rejected_count_last,
                rejections_last = excluded.rejections_last, etag = excluded.etag, last_modified = excluded.last_modified
            """,
            new
            {
                health.FeedId,
                health.LastAttempt,
                health.LastSuccess,
                health.LastError,
                health.LastErrorAt,
                health.ConsecutiveFailures,
                health.LastChange,
                health.ContentHash,
                RejectedCount = health.Rejections.Count,
                Rejections = StorageJson.Write(health.Rejections),
                health.ETag,
                health.LastModified,
            },
            cancellationToken: ct));
    }

    private sealed class HealthRow
    {
        public string FeedId { get; init; } = "";
        public DateTimeOffset? LastAttempt { get; init; }
        public DateTimeOffset? LastSuccess { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset? LastErrorAt { get; init; }
        public long ConsecutiveFailures { get; init; }
        public DateTimeOffset? LastChange { get; init; }
        public string? ContentHash { get; init; }
        public string Rejections { get; init; } = "[]";
        public string? ETag { get; init; }
        public string? LastModified { get; init; }

        public FeedHealth ToHealth() => new()
        {
            FeedId = FeedId,
            LastAttempt = LastAttempt,
            LastSuccess = LastSuccess,
            LastError = LastError,
            LastErrorAt = LastErrorAt,
            ConsecutiveFailures = (int)ConsecutiveFailures,
            LastChange = LastChange,
            ContentHash = ContentHash,
            Rejections = StorageJson.Read<List<string>>(Rejections),
            ETag = ETag,
            LastModified = LastModified,
        };
    }
}
