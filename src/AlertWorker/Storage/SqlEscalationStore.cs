using System.Data.Common;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Escalation;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using Dapper;
using static AlertWorker.Storage.StoredEnum;

namespace AlertWorker.Storage;

public sealed class SqlEscalationStore(DbDataSource database, ShortCodeGenerator? codes = null) : IEscalationStore
{
    private readonly ShortCodeGenerator _codes = codes ?? new ShortCodeGenerator();

    public async Task<int> CloseExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var closed = await NotificationClosing.CloseExpiredAsync(connection, tx, now, ct);
        await tx.CommitAsync(ct);
        return closed;
    }

    public async Task<IReadOnlyList<EscalatingNotification>> ListEscalatingAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string PersonId, string WarningKey, string ChainKey, string Level, string Channels,
            string HazardPoints, bool Exercise, string State, DateTimeOffset FirstAcceptedAt, string? Steps)>(new CommandDefinition(
            """
            SELECT n.id, n.person_id, n.warning_key, n.chain_key, n.level, n.channels, n.hazard_points, n.exercise, n.state,
                   n.first_accepted_at, (SELECT string_agg(CAST(step AS TEXT), ',') FROM escalation_steps s WHERE s.notification_id = n.id)
            FROM notifications n
            WHERE n.answer_expected AND n.kind IN ('warning', 'levelRaised')
              AND n.state IN ('sent', 'failed') AND n.first_accepted_at IS NOT NULL
            ORDER BY n.level_rank DESC, n.first_accepted_at, n.id
            """, cancellationToken: ct));
        return rows.Select(r => new EscalatingNotification(
            r.Id, r.PersonId, r.WarningKey, r.ChainKey, Parse<Level>(r.Level),
            StorageJson.Read<List<Channel>>(r.Channels), StorageJson.Read<List<string>>(r.HazardPoints), r.Exercise,
            new NotificationState(Parse<NotificationStatus>(r.State), true, r.FirstAcceptedAt,
                (r.Steps ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet()))).ToList();
    }

    public async Task<bool> TakeStepAsync(EscalatingNotification silent, EscalationStepTaken taken, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var policy = taken.Step.Policy;
        var action = policy.Action == EscalationAction.Repeat ? "repeat" : "notify " + string.Join(",", policy.Notify.Select(r => r.ToName()));
        var targets = policy.Action == EscalationAction.Repeat ? [silent.PersonId] : taken.Targets.Select(t => t.PersonId).ToList();
        var recorded = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO escalation_steps (notification_id, step, action, due_at, done_at, targets)
            VALUES (@Id, @Step, @Action, @DueAt, @DoneAt, @Targets)
            ON CONFLICT (notification_id, step) DO NOTHING
            """,
            new
            {
                silent.Id, taken.Step.Step, Action = action, taken.Step.DueAt,
                DoneAt = taken.At, Targets = StorageJson.Write(targets),
            },
            tx, cancellationToken: ct));
        if (recorded == 0) return false;

        if (policy.Action == EscalationAction.Repeat)
        {
            var round = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COALESCE(MAX(round), 0) + 1 FROM deliveries WHERE notification_id = @Id", new { silent.Id }, tx, cancellationToken: ct));
            await DeliveryQueue.QueueAsync(connection, tx, silent.Id, taken.RepeatChannels, (int)round, fallback: false, (int)silent.Level, taken.At, ct);
        }
        foreach (var target in taken.Targets)
        {
            var notice = new PlannedNotice(target.PersonId, NoticeKind.Escalation, silent.Level, target.Channels, target.Roles,
                silent.HazardPoints, silent.Exercise, target.Fallback);
            await NotificationRows.InsertAsync(connection, tx,
                new NotificationRows.NewNotification(silent.WarningKey, silent.ChainKey, notice, AnswerExpected: true, taken.At)
                {
                    EscalationOf = (silent.Id, taken.Step.Step),
                },
                _codes, ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }
}
