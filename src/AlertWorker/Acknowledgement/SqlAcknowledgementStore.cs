using System.Data.Common;
using AlertWorker.Configuration;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Storage;
using Dapper;
using static AlertWorker.Storage.StoredEnum;

namespace AlertWorker.Acknowledgement;

/// <summary>
/// Answers on the notifications table (SPEC §7). An answer marks the notification acknowledged with
/// when, how, by whom and the note; its queued deliveries are cancelled and the escalation notices
/// about it are closed (resolved), so that no one is chased for a person who answered. Phones are
/// matched against the directory in force.
/// </summary>
public sealed class SqlAcknowledgementStore(DbDataSource database, LiveConfig live) : IAcknowledgementStore
{
    private const string Pending = "answer_expected AND state IN ('planned', 'sent')";

    private readonly SqlDialect _dialect = SqlDialects.Of(database);

    public async Task<AcknowledgeResult> AcknowledgeAsync(long notificationId, AnswerMethod method, string by, string? note, DateTimeOffset at, CancellationToken ct)
    {
        if (method == AnswerMethod.OnBehalf && string.IsNullOrWhiteSpace(note))
            throw new ArgumentException("a confirmation on someone's behalf needs a note: who called whom, when", nameof(note));
        ArgumentException.ThrowIfNullOrWhiteSpace(by);

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string State, bool AnswerExpected)?>(new CommandDefinition(
            "SELECT state, answer_expected FROM notifications WHERE id = @Id", new { Id = notificationId }, tx, cancellationToken: ct));
        if (row is not { AnswerExpected: true } found) return AcknowledgeResult.NotFound;
        if (Parse<NotificationStatus>(found.State) == NotificationStatus.Acknowledged) return AcknowledgeResult.AlreadyAnswered;

        // an answer recorded meanwhile by another instance is kept: the first answer counts
        var answered = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications
            SET state = 'acknowledged', acknowledged_at = @At, answer_method = @Method, answered_by = @By, answer_note = @Note
            WHERE id = @Id AND state <> 'acknowledged'
            """,
            new { Id = notificationId, At = at, Method = Name(method), By = by, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() },
            tx, cancellationToken: ct));
        if (answered == 0) return AcknowledgeResult.AlreadyAnswered;
        await NotificationClosing.CancelQueuedAsync(connection, tx, [notificationId], "answered", ct);
        await NotificationClosing.CloseEscalationsOfAsync(connection, tx, notificationId, ClosedReason.Resolved, ct);
        await tx.CommitAsync(ct);
        return AcknowledgeResult.Acknowledged;
    }

    public async Task<IReadOnlyList<PendingNotification>> PendingForPhoneAsync(string phone, CancellationToken ct)
    {
        var people = live.Current?.Config.Directory.People.Where(p => p.Phone == phone.Trim()).Select(p => p.Id).ToList() ?? [];
        if (people.Count == 0) return [];
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string PersonId, string WarningKey, string ShortCode)>(new CommandDefinition(
            $"SELECT id, person_id, warning_key, short_code FROM notifications WHERE {_dialect.InList("person_id", "@People")} AND {Pending} ORDER BY id",
            new { People = people.ToArray() }, cancellationToken: ct));
        return rows.Select(r => new PendingNotification(r.Id, r.PersonId, r.WarningKey, r.ShortCode, LanguageOf(r.PersonId))).ToList();
    }

    public async Task<PendingNotification?> FindByShortCodeAsync(string shortCode, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string PersonId, string WarningKey, string ShortCode)?>(new CommandDefinition(
            "SELECT id, person_id, warning_key, short_code FROM notifications WHERE short_code = @Code",
            new { Code = ShortCode.Normalize(shortCode) }, cancellationToken: ct));
        return row is { } r ? new PendingNotification(r.Id, r.PersonId, r.WarningKey, r.ShortCode, LanguageOf(r.PersonId)) : null;
    }

    private string LanguageOf(string personId) =>
        live.Current?.Config.Directory.PeopleById.GetValueOrDefault(personId)?.Language ?? "zh-CN";
}
