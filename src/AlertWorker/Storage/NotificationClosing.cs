using System.Data.Common;
using AlertWorker.Domain.Dispatch;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>
/// Ends 叫应 cycles without an answer (SPEC §6, §7): the notifications still open (planned or
/// sent, 解除 notices aside) are closed with a reason and their queued deliveries cancelled, so
/// that they are neither sent nor escalated any more. Runs inside the caller's transaction.
/// </summary>
internal static class NotificationClosing
{
    private const string Open = "state IN ('planned', 'sent') AND kind <> 'released'";

    /// <summary>Every open notification of the chain (a Cancel).</summary>
    public static Task<int> CloseChainAsync(DbConnection connection, DbTransaction tx, string chainKey, ClosedReason reason, CancellationToken ct) =>
        CloseAsync(connection, tx, "chain_key = @ChainKey", new { ChainKey = chainKey, Reason = StoredEnum.Name(reason) }, ct);

    /// <summary>A person's open notifications in the chain and the escalation notices about them
    /// (their level went up: a new cycle replaces the old; or they were released).</summary>
    public static Task<int> ClosePersonAsync(
        DbConnection connection, DbTransaction tx, string chainKey, string personId, ClosedReason reason, CancellationToken ct) =>
        CloseAsync(connection, tx,
            """
            chain_key = @ChainKey AND (person_id = @PersonId
                OR escalation_of IN (SELECT id FROM notifications WHERE chain_key = @ChainKey AND person_id = @PersonId))
            """,
            new { ChainKey = chainKey, PersonId = personId, Reason = StoredEnum.Name(reason) }, ct);

    /// <summary>The open escalation notices about one notification (its person answered).</summary>
    public static Task<int> CloseEscalationsOfAsync(DbConnection connection, DbTransaction tx, long notificationId, ClosedReason reason, CancellationToken ct) =>
        CloseAsync(connection, tx, "escalation_of = @Id", new { Id = notificationId, Reason = StoredEnum.Name(reason) }, ct);

    /// <summary>Open notifications of chains whose warning expired by <paramref name="now"/>.</summary>
    public static Task<int> CloseExpiredAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now, CancellationToken ct) =>
        CloseAsync(connection, tx,
            "chain_key IN (SELECT chain_key FROM warning_chains WHERE NOT cancelled AND expires IS NOT NULL AND expires <= @Now)",
            new { Now = now, Reason = StoredEnum.Name(ClosedReason.Expired) }, ct);

    private static async Task<int> CloseAsync(DbConnection connection, DbTransaction tx, string filter, object parameters, CancellationToken ct)
    {
        var closed = (await connection.QueryAsync<long>(new CommandDefinition(
            $"UPDATE notifications SET state = 'closed', closed_reason = @Reason WHERE {Open} AND {filter} RETURNING id",
            parameters, tx, cancellationToken: ct))).ToList();
        if (closed.Count > 0) await CancelQueuedAsync(connection, tx, closed, "closed", ct);
        return closed.Count;
    }

    /// <summary>Queued deliveries of these notifications will never be sent.</summary>
    public static Task<int> CancelQueuedAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<long> notificationIds, string reason, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE deliveries SET state = 'cancelled', error = @Reason WHERE state = 'queued' AND {SqlDialects.Of(connection).InList("notification_id", "@Ids")}",
            new { Ids = notificationIds.ToArray(), Reason = reason }, tx, cancellationToken: ct));
}
