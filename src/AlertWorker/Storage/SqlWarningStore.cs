using System.Data.Common;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using Dapper;
using static AlertWorker.Storage.StoredEnum;

namespace AlertWorker.Storage;

/// <param name="answers">Which notices expect an answer; without it none does (stores used outside the worker).</param>
/// <param name="codes">Where short codes come from; a cryptographic random source by default.</param>
/// <param name="queued">Woken when an outcome queued deliveries, so this process's dispatcher sends them at once.</param>
public sealed class SqlWarningStore(DbDataSource database, AnswerRule? answers = null, ShortCodeGenerator? codes = null, DeliverySignal? queued = null)
    : IWarningStore
{
    private readonly ShortCodeGenerator _codes = codes ?? new ShortCodeGenerator();
    private readonly SqlDialect _dialect = SqlDialects.Of(database);

    public async Task<IWarningHistory> LoadHistoryAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return new StoredHistory(new HashSet<string>(), []);

        await using var connection = await database.OpenConnectionAsync(ct);
        var seen = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT key FROM warnings WHERE {_dialect.InList("key", "@Keys")}", new { Keys = wanted }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var states = await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT state FROM warning_chains
            WHERE chain_key IN (SELECT chain_key FROM warnings WHERE {_dialect.InList("key", "@Keys")})
            """,
            new { Keys = wanted }, cancellationToken: ct));
        return new StoredHistory(seen, states.Select(StorageJson.Read<WarningChain>).ToList());
    }

    public async Task<bool> SaveOutcomeAsync(WarningOutcome outcome, WarningChain? chain, string feedId, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var warning = outcome.Warning;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO warnings (key, chain_key, sender, identifier, sent, status, msg_type, level, action, reason,
                                  received_at, feed_id, expires, document)
            VALUES (@Key, @ChainKey, @Sender, @Identifier, @Sent, @Status, @MsgType, @Level, @Action, @Reason,
                    @ReceivedAt, @FeedId, @Expires, @Document)
            ON CONFLICT (key) DO NOTHING
            """,
            new
            {
                warning.Key,
                outcome.ChainKey,
                warning.Sender,
                warning.Identifier,
                warning.Sent,
                Status = Name(warning.Status),
                MsgType = Name(warning.MsgType),
                Level = Name(warning.Level),
                Action = Name(outcome.Action),
                Reason = outcome.Reason is { } reason ? Name(reason) : null,
                ReceivedAt = receivedAt,
                FeedId = feedId,
                warning.Expires,
                Document = StorageJson.Write(warning),
            },
            tx, cancellationToken: ct));
        if (inserted == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }

        if (chain is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO warning_chains (chain_key, state, cancelled, expires, updated_at)
                VALUES (@ChainKey, @State, @Cancelled, @Expires, @UpdatedAt)
                ON CONFLICT (chain_key) DO UPDATE SET
                    state = excluded.state, cancelled = excluded.cancelled,
                    expires = excluded.expires, updated_at = excluded.updated_at
                """,
                new
                {
                    chain.ChainKey,
                    State = StorageJson.Write(chain),
                    Cancelled = chain.Cancelled,
                    chain.Latest.Expires,
                    UpdatedAt = receivedAt,
                },
                tx, cancellationToken: ct));
        }

        await CloseEndedCyclesAsync(connection, tx, outcome, ct);
        foreach (var notice in outcome.Notices)
        {
            await NotificationRows.InsertAsync(connection, tx, new NotificationRows.NewNotification(
                warning.Key, outcome.ChainKey, notice, answers?.Expects(notice.Kind, notice.Level) ?? false, receivedAt), _codes, ct);
        }

        await tx.CommitAsync(ct);
        if (outcome.Notices.Count > 0) queued?.Notify();
        return true;
    }

    /// <summary>
    /// Before the new notices go in, the cycles they end stop (SPEC §6, §7): a Cancel closes every open
    /// notification of the chain; a 解除 closes the released person's; a LevelRaised starts a new cycle
    /// and closes the person's old one as superseded. Escalation notices about them close with them.
    /// </summary>
    private static async Task CloseEndedCyclesAsync(DbConnection connection, DbTransaction tx, WarningOutcome outcome, CancellationToken ct)
    {
        if (outcome.Action == WarningAction.Cancel)
        {
            await NotificationClosing.CloseChainAsync(connection, tx, outcome.ChainKey, ClosedReason.Cancelled, ct);
            return;
        }
        foreach (var notice in outcome.Notices)
        {
            ClosedReason? reason = notice.Kind switch
            {
                NoticeKind.Released => ClosedReason.Released,
                NoticeKind.LevelRaised => ClosedReason.Superseded,
                _ => null,
            };
            if (reason is { } r) await NotificationClosing.ClosePersonAsync(connection, tx, outcome.ChainKey, notice.PersonId, r, ct);
        }
    }
}
