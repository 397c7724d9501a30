using System.Data.Common;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Warnings;
using AlertWorker.Escalation;
using AlertWorker.Warnings;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>Builds the 叫应 record (of a warning's chain, or of the warnings received in a day) from
/// notifications, deliveries and escalation steps; names come from the latest directory version
/// stored, so the record needs only the database.</summary>
public sealed class SqlAnswerRecordStore(DbDataSource database, IDirectoryVersionStore directories) : IAnswerRecordStore
{
    public async Task<AnswerRecord?> LoadAsync(string warningKey, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var chainKey = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT chain_key FROM warnings WHERE key = @Key", new { Key = warningKey }, cancellationToken: ct));
        if (chainKey is null) return null;

        var notifications = await NotificationsAsync(connection, "n.chain_key = @ChainKey", new { ChainKey = chainKey }, ct);
        return new AnswerRecord(warningKey, chainKey, notifications);
    }

    public async Task<IReadOnlyList<DayWarning>> LoadReceivedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var range = new { From = from, To = to };
        var warnings = (await connection.QueryAsync<(string Key, DateTimeOffset ReceivedAt, string Status, string MsgType, string Action, string? Reason, string Document)>(
            new CommandDefinition(
                """
                SELECT key, received_at, status, msg_type, action, reason, document FROM warnings w
                WHERE received_at >= @From AND received_at < @To
                  AND EXISTS (SELECT 1 FROM notifications n WHERE n.warning_key = w.key)
                ORDER BY received_at, key
                """,
                range, cancellationToken: ct))).ToList();
        var notifications = (await NotificationsAsync(connection,
                "n.warning_key IN (SELECT key FROM warnings WHERE received_at >= @From AND received_at < @To)", range, ct))
            .ToLookup(n => n.WarningKey, StringComparer.Ordinal);

        return warnings.Select(w =>
        {
            var warning = StorageJson.Read<Warning>(w.Document);
            var info = warning.HighestInfo;
            return new DayWarning
            {
                WarningKey = w.Key,
                Received = w.ReceivedAt,
                Status = w.Status,
                MsgType = w.MsgType,
                Event = info?.Event ?? "",
                Headline = info?.Headline ?? "",
                Action = w.Reason is { } reason ? $"{w.Action} ({reason})" : w.Action,
                EnteredBy = ManualWarnings.EnteredBy(warning),
                Origin = ManualWarnings.Origin(warning),
                Notifications = notifications[w.Key].ToList(),
            };
        }).ToList();
    }

    /// <summary>The notifications that <paramref name="where"/> (on <c>notifications n</c>) selects, in id
    /// order, with their delivery channels, answers and escalation steps; names from the latest directory.</summary>
    private async Task<IReadOnlyList<RecordedNotification>> NotificationsAsync(DbConnection connection, string where, object parameters, CancellationToken ct)
    {
        var notifications = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT id AS Id, warning_key AS WarningKey, person_id AS PersonId, roles AS Roles, kind AS Kind, level AS Level,
                   channels AS Channels, exercise AS Exercise, state AS State, closed_reason AS ClosedReason,
                   first_accepted_at AS Sent,
                   COALESCE(delivered_at, (SELECT MIN(delivered_at) FROM deliveries d WHERE d.notification_id = n.id)) AS Delivered,
                   acknowledged_at AS Answered, answer_method AS AnswerMethod, answered_by AS AnsweredBy, answer_note AS AnswerNote,
                   escalation_of AS EscalationOf, escalation_step AS EscalationStep, flagged AS Flagged,
                   (SELECT string_agg(channel, ' ' ORDER BY first_accepted, first_id)
                    FROM (SELECT channel, MIN(d.accepted_at) AS first_accepted, MIN(d.id) AS first_id FROM deliveries d
                          WHERE d.notification_id = n.id AND d.accepted_at IS NOT NULL
                          GROUP BY channel) AS accepted) AS AcceptedChannels
            FROM notifications n
            WHERE {where}
            ORDER BY id
            """,
            parameters, cancellationToken: ct))).ToList();
        var steps = (await connection.QueryAsync<(long NotificationId, long Step, string Action, DateTimeOffset DueAt, DateTimeOffset DoneAt, string Targets)>(
            new CommandDefinition(
                $"""
                SELECT s.notification_id, s.step, s.action, s.due_at, s.done_at, s.targets
                FROM escalation_steps s JOIN notifications n ON n.id = s.notification_id
                WHERE {where}
                ORDER BY s.notification_id, s.step
                """,
                parameters, cancellationToken: ct))).ToList();

        var names = (await directories.LoadLatestAsync(ct))?.Directory.PeopleById;
        var noticesByStep = notifications.Where(n => n.EscalationOf is not null)
            .ToLookup(n => (n.EscalationOf!.Value, n.EscalationStep ?? 0), n => n.Id);
        var stepsByNotification = steps.ToLookup(s => s.NotificationId, s => new RecordedStep(
            (int)s.Step, s.Action, s.DueAt, s.DoneAt,
            StorageJson.Read<List<string>>(s.Targets), noticesByStep[(s.NotificationId, (int)s.Step)].ToList()));

        return notifications.Select(n => new RecordedNotification
        {
            Id = n.Id,
            WarningKey = n.WarningKey,
            PersonId = n.PersonId,
            Name = names?.GetValueOrDefault(n.PersonId)?.Name ?? "",
            Roles = StorageJson.Read<List<Role>>(n.Roles).Select(r => r.ToName()).ToList(),
            Kind = MessageTemplates.FileKind(StoredEnum.Parse<NoticeKind>(n.Kind)),
            Level = n.Level,
            Channels = n.AcceptedChannels is { } accepted ? accepted.Split(' ') : StorageJson.Read<List<string>>(n.Channels),
            Exercise = n.Exercise,
            State = n.State,
            ClosedReason = n.ClosedReason,
            Sent = n.Sent,
            Delivered = n.Delivered,
            Answered = n.Answered,
            AnswerMethod = n.AnswerMethod,
            AnsweredBy = n.AnsweredBy,
            AnswerNote = n.AnswerNote,
            EscalationOf = n.EscalationOf,
            EscalationStep = n.EscalationStep,
            Flagged = n.Flagged,
            Steps = stepsByNotification[n.Id].ToList(),
        }).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string WarningKey { get; init; } = "";
        public string PersonId { get; init; } = "";
        public string Roles { get; init; } = "[]";
        public string Kind { get; init; } = "";
        public string Level { get; init; } = "";
        public string Channels { get; init; } = "[]";
        public bool Exercise { get; init; }
        public string State { get; init; } = "";
        public string? ClosedReason { get; init; }
        public DateTimeOffset? Sent { get; init; }
        public DateTimeOffset? Delivered { get; init; }
        public DateTimeOffset? Answered { get; init; }
        public string? AnswerMethod { get; init; }
        public string? AnsweredBy { get; init; }
        public string? AnswerNote { get; init; }
        public long? EscalationOf { get; init; }
        public int? EscalationStep { get; init; }
        public string? Flagged { get; init; }
        public string? AcceptedChannels { get; init; }
    }
}
