using System.Data.Common;
using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using Dapper;
using static AlertWorker.Storage.StoredEnum;

namespace AlertWorker.Web.Board;

/// <summary>The board's reads (Dapper), the same SQL on SQLite and PostgreSQL.</summary>
public sealed class SqlBoardStore(DbDataSource database) : IBoardStore
{
    private readonly SqlDialect _dialect = SqlDialects.Of(database);

    public async Task<IReadOnlyList<BoardWarning>> ActiveWarningsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var chains = (await connection.QueryAsync<(string ChainKey, string State, DateTimeOffset UpdatedAt)>(new CommandDefinition(
            """
            SELECT chain_key, state, updated_at FROM warning_chains
            WHERE NOT cancelled AND (expires IS NULL OR expires > @Now)
            """,
            new { Now = now }, cancellationToken: ct))).ToList();
        // warnings kept without a chain (the stale-feed alarms) count while someone has yet to answer them;
        // a duty officer's test message is no warning: it shows in the outbox and the record, not here
        var unchained = await connection.QueryAsync<(string ChainKey, string Document, DateTimeOffset ReceivedAt)>(new CommandDefinition(
            """
            SELECT w.chain_key, w.document, w.received_at FROM warnings w
            WHERE w.action <> 'ignored' AND w.status <> 'test' AND (w.expires IS NULL OR w.expires > @Now)
              AND NOT EXISTS (SELECT 1 FROM warning_chains c WHERE c.chain_key = w.chain_key)
              AND EXISTS (SELECT 1 FROM notifications n WHERE n.chain_key = w.chain_key AND n.state IN ('planned', 'sent'))
            """,
            new { Now = now }, cancellationToken: ct));
        var latest = chains.Select(c => (c.ChainKey, Latest: StorageJson.Read<WarningChain>(c.State).Latest, c.UpdatedAt))
            .Concat(unchained.Select(w => (w.ChainKey, Latest: StorageJson.Read<Warning>(w.Document), UpdatedAt: w.ReceivedAt)))
            .ToList();
        if (latest.Count == 0) return [];

        var keys = latest.Select(c => c.ChainKey).ToArray();
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT id AS Id, chain_key AS ChainKey, person_id AS PersonId, kind AS Kind, level AS Level, roles AS Roles,
                   channels AS Channels, hazard_points AS HazardPoints, answer_expected AS AnswerExpected, state AS State,
                   closed_reason AS ClosedReason, created_at AS CreatedAt, first_accepted_at AS FirstAcceptedAt,
                   COALESCE(delivered_at, (SELECT MIN(delivered_at) FROM deliveries d WHERE d.notification_id = n.id)) AS DeliveredAt,
                   acknowledged_at AS AnsweredAt, answer_method AS AnswerMethod, answered_by AS AnsweredBy, answer_note AS AnswerNote,
                   flagged AS Flagged, escalation_of AS EscalationOf, escalation_step AS EscalationStep,
                   (SELECT string_agg(channel, ' ' ORDER BY first_accepted, first_id)
                    FROM (SELECT channel, MIN(d.accepted_at) AS first_accepted, MIN(d.id) AS first_id FROM deliveries d
                          WHERE d.notification_id = n.id AND d.accepted_at IS NOT NULL
                          GROUP BY channel) AS accepted) AS AcceptedChannels
            FROM notifications n
            WHERE {_dialect.InList("chain_key", "@Keys")}
            ORDER BY id
            """,
            new { Keys = keys }, cancellationToken: ct))).ToList();
        var steps = (await connection.QueryAsync<(long NotificationId, long Step, string Action, DateTimeOffset DueAt, DateTimeOffset DoneAt, string Targets)>(
            new CommandDefinition(
                $"""
                SELECT s.notification_id, s.step, s.action, s.due_at, s.done_at, s.targets
                FROM escalation_steps s JOIN notifications n ON n.id = s.notification_id
                WHERE {_dialect.InList("n.chain_key", "@Keys")}
                ORDER BY s.notification_id, s.step
                """,
                new { Keys = keys }, cancellationToken: ct)))
            .ToLookup(s => s.NotificationId, s => new BoardStep(
                (int)s.Step, s.Action, s.DueAt, s.DoneAt, StorageJson.Read<List<string>>(s.Targets)));
        var byChain = rows.ToLookup(r => r.ChainKey, r => r.ToNotification(steps[r.Id].ToList()));

        return latest
            .Select(c => new BoardWarning(c.ChainKey, c.Latest, c.UpdatedAt, byChain[c.ChainKey].ToList()))
            .OrderByDescending(w => w.Latest.Level)
            .ThenByDescending(w => w.UpdatedAt)
            .ToList();
    }

    public async Task<IReadOnlyList<BoardOutboxMessage>> RecentOutboxAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(DateTimeOffset CreatedAt, string Channel, string PersonId, string? Subject, string Body)>(new CommandDefinition(
            """
            SELECT o.created_at, o.channel, n.person_id, o.subject, o.body
            FROM outbox_messages o
            JOIN deliveries d ON d.id = o.delivery_id
            JOIN notifications n ON n.id = d.notification_id
            ORDER BY o.id DESC
            LIMIT @Limit
            """,
            new { Limit = limit }, cancellationToken: ct));
        return rows.Select(r => new BoardOutboxMessage(r.CreatedAt, Parse<Channel>(r.Channel), r.PersonId, r.Subject, r.Body)).ToList();
    }

    public async Task<IReadOnlyDictionary<Channel, int>> OutboxCountsAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Channel, long Count)>(new CommandDefinition(
            "SELECT channel, COUNT(*) FROM outbox_messages WHERE created_at >= @Since GROUP BY channel",
            new { Since = since }, cancellationToken: ct));
        return rows.ToDictionary(r => Parse<Channel>(r.Channel), r => (int)r.Count);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string ChainKey { get; init; } = "";
        public string PersonId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Level { get; init; } = "";
        public string Roles { get; init; } = "[]";
        public string Channels { get; init; } = "[]";
        public string HazardPoints { get; init; } = "[]";
        public bool AnswerExpected { get; init; }
        public string State { get; init; } = "";
        public string? ClosedReason { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? FirstAcceptedAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
        public string? AnswerMethod { get; init; }
        public string? AnsweredBy { get; init; }
        public string? AnswerNote { get; init; }
        public string? Flagged { get; init; }
        public long? EscalationOf { get; init; }
        public int? EscalationStep { get; init; }
        public string? AcceptedChannels { get; init; }

        public BoardNotification ToNotification(IReadOnlyList<BoardStep> steps) => new()
        {
            Id = Id,
            PersonId = PersonId,
            Kind = Parse<NoticeKind>(Kind),
            Level = Parse<Level>(Level),
            Roles = StorageJson.Read<List<Role>>(Roles),
            Channels = AcceptedChannels is { } accepted
                ? accepted.Split(' ').Select(Parse<Channel>).ToList()
                : StorageJson.Read<List<Channel>>(Channels),
            HazardPoints = StorageJson.Read<List<string>>(HazardPoints),
            AnswerExpected = AnswerExpected,
            Status = Parse<NotificationStatus>(State),
            ClosedReason = ClosedReason is { } reason ? Parse<ClosedReason>(reason) : null,
            CreatedAt = CreatedAt,
            FirstAcceptedAt = FirstAcceptedAt,
            DeliveredAt = DeliveredAt,
            AnsweredAt = AnsweredAt,
            AnswerMethod = AnswerMethod is { } method ? Parse<AnswerMethod>(method) : null,
            AnsweredBy = AnsweredBy,
            AnswerNote = AnswerNote,
            Flagged = Flagged,
            EscalationOf = EscalationOf,
            EscalationStep = EscalationStep,
            Steps = steps,
        };
    }
}
