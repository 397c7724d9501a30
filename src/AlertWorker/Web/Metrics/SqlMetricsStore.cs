using System.Data.Common;
using AlertWorker.Storage;
using Dapper;

namespace AlertWorker.Web.Metrics;

/// <summary>The metrics' reads (Dapper), in plain SQL that SQLite and PostgreSQL run alike but for the one
/// difference of two stored times (<see cref="SqlDialects.MillisecondsBetween"/>).</summary>
public sealed class SqlMetricsStore(DbDataSource database) : IMetricsStore
{
    public async Task<StoredCounts> ReadAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);

        async Task<IReadOnlyList<LabelledCount>> CountAsync(string sql)
        {
            var rows = await connection.QueryAsync(new CommandDefinition(sql, cancellationToken: ct));
            return rows.Cast<IDictionary<string, object?>>()
                .Select(row => new LabelledCount(
                    row.Where(c => c.Key != "n").Select(c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList(),
                    Convert.ToInt64(row["n"], System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
        }

        var warnings = await CountAsync(
            "SELECT feed_id, level, action, COUNT(*) AS n FROM warnings GROUP BY feed_id, level, action ORDER BY feed_id, level, action");
        var notifications = await CountAsync(
            "SELECT kind, level, state, COUNT(*) AS n FROM notifications GROUP BY kind, level, state ORDER BY kind, level, state");
        var deliveries = await CountAsync(
            "SELECT channel, state, COUNT(*) AS n FROM deliveries GROUP BY channel, state ORDER BY channel, state");
        // the action is stored with the roles it named ("notify duty-officer,duty-leader"): the label keeps its verb
        var steps = await CountAsync(
            """
            SELECT CASE WHEN action LIKE 'notify%' THEN 'notify' ELSE action END AS action, COUNT(*) AS n
            FROM escalation_steps
            GROUP BY CASE WHEN action LIKE 'notify%' THEN 'notify' ELSE action END
            ORDER BY 1
            """);
        var answerTimes = await AnswerTimesAsync(connection, ct);
        return new StoredCounts(warnings, notifications, deliveries, steps, answerTimes);
    }

    private static async Task<AnswerTimes> AnswerTimesAsync(DbConnection connection, CancellationToken ct)
    {
        var bounds = AnswerTimes.BucketSeconds;
        // the first bucket each time falls in (0 .. bounds.Count, the last one past every bound), counted in the database
        var bucket = string.Join(" ", bounds.Select((seconds, i) => $"WHEN ms <= {seconds * 1000L} THEN {i}"));
        var rows = await connection.QueryAsync<(long Bucket, long Count, long TotalMs)>(new CommandDefinition(
            $"""
            SELECT CAST(CASE {bucket} ELSE {bounds.Count} END AS bigint), CAST(COUNT(*) AS bigint),
                   -- an answer can arrive before the provider's acceptance is recorded: that is an answer at once, not a negative time
                   CAST(SUM(CASE WHEN ms < 0 THEN 0 ELSE ms END) AS bigint)
            FROM (
                SELECT {SqlDialects.Of(connection).MillisecondsBetween("first_accepted_at", "acknowledged_at")} AS ms
                FROM notifications
                WHERE acknowledged_at IS NOT NULL AND first_accepted_at IS NOT NULL
            ) answered
            GROUP BY 1
            """,
            cancellationToken: ct));
        var inBucket = new long[bounds.Count + 1];
        foreach (var row in rows) inBucket[row.Bucket] = row.Count;
        var atMost = new long[bounds.Count];
        long running = 0;
        for (var i = 0; i < bounds.Count; i++) atMost[i] = running += inBucket[i];
        return new AnswerTimes(atMost, inBucket.Sum(), rows.Sum(r => r.TotalMs) / 1000.0);
    }
}
