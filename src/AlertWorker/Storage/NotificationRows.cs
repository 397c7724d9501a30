using System.Data.Common;
using AlertWorker.Domain.Lifecycle;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>Writes a planned notification with a fresh short code and queues its first round of
/// deliveries, one per channel, in the caller's transaction: the one way notifications are written.</summary>
internal static class NotificationRows
{
    public sealed record NewNotification(string WarningKey, string ChainKey, PlannedNotice Notice, bool AnswerExpected, DateTimeOffset CreatedAt)
    {
        /// <summary>For an escalation notice: the silent notification and the step that sent it.</summary>
        public (long Id, int Step)? EscalationOf { get; init; }
    }

    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, NewNotification n, ShortCodeGenerator shortCodes, CancellationToken ct)
    {
        var notice = n.Notice;
        var row = new
        {
            n.WarningKey,
            n.ChainKey,
            notice.PersonId,
            Kind = StoredEnum.Name(notice.Kind),
            Level = StoredEnum.Name(notice.Level),
            LevelRank = (int)notice.Level,
            Channels = StorageJson.Write(notice.Channels),
            Roles = StorageJson.Write(notice.Roles),
            HazardPoints = StorageJson.Write(notice.HazardPoints),
            notice.Exercise,
            notice.Fallback,
            n.CreatedAt,
            n.AnswerExpected,
            EscalationOf = n.EscalationOf?.Id,
            EscalationStep = n.EscalationOf?.Step,
        };
        // a code another notification holds, committed or being written by another instance right now, is
        // refused by the unique index without failing the transaction (PostgreSQL waits for the other to end)
        foreach (var code in shortCodes.Candidates())
        {
            var parameters = new DynamicParameters(row);
            parameters.Add("ShortCode", code);
            var inserted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO notifications (warning_key, chain_key, person_id, kind, level, level_rank, channels, roles,
                                           hazard_points, exercise, fallback, state, created_at, short_code, answer_expected,
                                           escalation_of, escalation_step)
                VALUES (@WarningKey, @ChainKey, @PersonId, @Kind, @Level, @LevelRank, @Channels, @Roles,
                        @HazardPoints, @Exercise, @Fallback, 'planned', @CreatedAt, @ShortCode, @AnswerExpected,
                        @EscalationOf, @EscalationStep)
                ON CONFLICT (short_code) DO NOTHING
                RETURNING id
                """,
                parameters, tx, cancellationToken: ct));
            if (inserted is { } id)
            {
                await DeliveryQueue.QueueAsync(connection, tx, id, notice.Channels, round: 0, fallback: false, (int)notice.Level, n.CreatedAt, ct);
                return id;
            }
        }
        throw new System.Diagnostics.UnreachableException("the short code candidates never run out");
    }
}
