using System.Data.Common;
using AlertWorker.Storage;
using Dapper;

namespace AlertWorker.Web.Metrics;

/// <summary>The metrics' reads (Dapper), in plain SQL that SQLite and PostgreSQL run alike: the time to
/// answer is worked out here from the stored times, not with a dialect's date functions.</summary>
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
        var answered = await connection.QueryAsync<(DateTimeOffset FirstAcceptedAt, DateTimeOffset AcknowledgedAt)>(new CommandDefinition(
            """
            SELECT first_accepted_at, acknowledged_at FROM notifications
            WHERE acknowledged_at IS NOT NULL AND first_accepted_at IS NOT NULL
            """,
            cancellationToken: ct));
        // an answer can arrive before the provider's acceptance is recorded: that is an answer at once, not a negative time
        var delays = answered
            .Select(a => a.AcknowledgedAt - a.FirstAcceptedAt)
            .Select(d => d < TimeSpan.Zero ? TimeSpan.Zero : d)
            .ToList();
        return new StoredCounts(warnings, notifications, deliveries, steps, delays);
    }
}
