using System.Collections.Concurrent;
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

public sealed class SqlDeliveryStore(DbDataSource database) : IDeliveryStore, IOutboxStore
{
    private readonly SqlDialect _dialect = SqlDialects.Of(database);
    private readonly ConcurrentQueue<AcceptedRecord> _accepted = new();
    private readonly SemaphoreSlim _acceptedWriter = new(1, 1);

    /// <summary>The most accepted sends written in one transaction (four parameters each).</summary>
    private const int MaxGroup = 500;

    /// <remarks>Each state is read on its own along <c>ix_deliveries_claim</c>, one batch at most, and the
    /// two merged: one query with an OR over both states would sort the whole backlog every round.
    /// Instances claiming at once never claim one row twice: SQLite runs one write at a time, and
    /// PostgreSQL locks the rows picked and skips those another claim holds.</remarks>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var claimed = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            UPDATE deliveries
            SET state = 'sending', lease_owner = @Owner, lease_until = @Until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM (
                    SELECT id, level_rank, created_at FROM (
                        SELECT id, level_rank, created_at FROM deliveries
                        WHERE state = 'queued' AND next_attempt_at <= @Now
                        ORDER BY level_rank DESC, created_at, id LIMIT @Limit {_dialect.SkipLocked()}) AS queued
                    UNION ALL
                    SELECT id, level_rank, created_at FROM (
                        SELECT id, level_rank, created_at FROM deliveries
                        WHERE state = 'sending' AND lease_until <= @Now
                        ORDER BY level_rank DESC, created_at, id LIMIT @Limit {_dialect.SkipLocked()}) AS expired) AS due
                ORDER BY level_rank DESC, created_at, id
                LIMIT @Limit)
            RETURNING id
            """,
            new { Owner = owner, Now = now, Until = now + lease, Limit = limit },
            cancellationToken: ct))).ToList();
        if (claimed.Count == 0) return [];

        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(
            $"""
            SELECT d.id AS Id, d.notification_id AS NotificationId, d.channel AS Channel, d.round AS Round, d.attempts AS Attempts,
                   d.level_rank AS LevelRank, d.created_at AS CreatedAt,
                   n.person_id AS PersonId, n.kind AS Kind, n.level AS Level, n.state AS State, n.short_code AS ShortCode,
                   n.roles AS Roles, n.hazard_points AS HazardPoints, n.exercise AS Exercise, n.answer_expected AS AnswerExpected,
                   COALESCE(c.cancelled, FALSE) AS ChainCancelled, c.expires AS Expires, w.document AS Document,
                   s.id AS SilentId, s.person_id AS SilentPersonId, s.hazard_points AS SilentHazardPoints, s.first_accepted_at AS SilentSince
            FROM deliveries d
            JOIN notifications n ON n.id = d.notification_id
            JOIN warnings w ON w.key = n.warning_key
            LEFT JOIN warning_chains c ON c.chain_key = n.chain_key
            LEFT JOIN notifications s ON s.id = n.escalation_of
            WHERE {_dialect.InList("d.id", "@Ids")}
            """,
            new { Ids = claimed.ToArray() }, cancellationToken: ct));

        var warnings = new Dictionary<string, Warning>(StringComparer.Ordinal);
        Warning WarningOf(string document) =>
            warnings.TryGetValue(document, out var w) ? w : warnings[document] = StorageJson.Read<Warning>(document);

        return rows
            .OrderByDescending(r => r.LevelRank).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new ClaimedDelivery
            {
                Id = r.Id,
                NotificationId = r.NotificationId,
                Channel = ChannelOf(r.Channel),
                Round = (int)r.Round,
                Attempts = (int)r.Attempts,
                LevelRank = (int)r.LevelRank,
                CreatedAt = r.CreatedAt,
                PersonId = r.PersonId,
                Kind = Parse<NoticeKind>(r.Kind),
                Level = Parse<Level>(r.Level),
                Status = Parse<NotificationStatus>(r.State),
                ShortCode = r.ShortCode ?? "",
                Roles = StorageJson.Read<List<Role>>(r.Roles),
                HazardPoints = StorageJson.Read<List<string>>(r.HazardPoints),
                Exercise = r.Exercise,
                AnswerExpected = r.AnswerExpected,
                ChainCancelled = r.ChainCancelled,
                Expires = r.Expires,
                Warning = WarningOf(r.Document),
                Silent = r.SilentId is { } silentId
                    ? new SilentNotification(silentId, r.SilentPersonId!, StorageJson.Read<List<string>>(r.SilentHazardPoints!), r.SilentSince)
                    : null,
            })
            .ToList();
    }

    /// <summary>
    /// Group commit: a send's record joins the queue, and whoever holds the writer writes every record
    /// queued by then in one transaction, so that sends finishing together cost one commit, not one
    /// each. Returns once this send's record is committed (or throws what the write threw), so the
    /// in-flight window stays the sends in flight. The write itself is not cancelled: it carries other
    /// sends' records and is short.
    /// </summary>
    public async Task RecordAcceptedAsync(long deliveryId, SendOutcome.Accepted accepted, DateTimeOffset at, CancellationToken ct)
    {
        var record = new AcceptedRecord(deliveryId, accepted, at);
        _accepted.Enqueue(record);
        await _acceptedWriter.WaitAsync(ct);
        try
        {
            // whoever holds the writer finds every record not yet written still queued
            while (!record.Written.Task.IsCompleted) await WriteAcceptedAsync();
        }
        finally
        {
            _acceptedWriter.Release();
        }
        await record.Written.Task;
    }

    private async Task WriteAcceptedAsync()
    {
        var group = new List<AcceptedRecord>();
        while (group.Count < MaxGroup && _accepted.TryDequeue(out var queued)) group.Add(queued);
        try
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            await using var tx = await connection.BeginTransactionAsync(CancellationToken.None);
            await WriteAcceptedAsync(connection, tx, group);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // not swallowed: every send of the group gets the failure, its lease runs out and it is sent again
            foreach (var record in group) record.Written.TrySetException(ex);
            return;
        }
        foreach (var record in group) record.Written.TrySetResult();
    }

    private static Task WriteAcceptedAsync(DbConnection connection, DbTransaction tx, List<AcceptedRecord> group) =>
        AcceptAsync(connection, tx, group.Select(r => new Accept(r.DeliveryId, r.Accepted.Provider, r.Accepted.ProviderId, r.At)).ToList(),
            CancellationToken.None);

    /// <summary>That the provider has a delivery under this id, since this time.</summary>
    internal sealed record Accept(long DeliveryId, string Provider, string ProviderId, DateTimeOffset At);

    /// <summary>
    /// Records that the provider has these deliveries: told by the instance that sent them (a group), or by a
    /// status callback naming one (<see cref="SqlDeliveryStatusStore"/>), whichever comes first. Only a delivery
    /// being sent, or queued to be sent again (a send that timed out here but reached the provider, or that an
    /// instance which took it over failed to send once more), becomes accepted: one already accepted,
    /// delivered, failed or cancelled keeps what it has. Each provider id's attempt is recorded once.
    /// </summary>
    /// <returns>The deliveries that became accepted here, with their notifications.</returns>
    /// <remarks>Two commands and the commit whatever the group's size: on a server each is a round trip, which
    /// costs far more than the rows. Locks are taken in one order: the provider ids (sorted; a status callback
    /// takes its one first too), then rows in id order, deliveries then notifications, so that two instances'
    /// groups (after a lease ran out) and callbacks never wait on each other in a circle; the attempts
    /// inserted first only share-lock their deliveries' keys, which that order does not wait for.</remarks>
    internal static async Task<IReadOnlyList<(long Id, long NotificationId)>> AcceptAsync(DbConnection connection, DbTransaction tx,
        IReadOnlyList<Accept> group, CancellationToken ct)
    {
        var dialect = SqlDialects.Of(connection);
        var values = SqlValues.Of("r", group, r => r.DeliveryId, r => r.Provider, r => r.ProviderId, r => r.At);
        if (dialect == SqlDialect.PostgreSql)
        {
            values.Parameters.Add("ProviderIdKeys", group.Select(r => SqlDeliveryStatusStore.ProviderIdKey(r.Provider, r.ProviderId))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
        }
        List<(long Id, long NotificationId)> updated;
        using (var results = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {dialect.LockAllStatement("@ProviderIdKeys")}
            WITH r (id, provider, provider_id, at) AS (VALUES {values.Sql})
            INSERT INTO delivery_attempts (delivery_id, at, outcome, provider_id)
            SELECT id, at, 'accepted', provider_id FROM r WHERE TRUE -- (SQLite reads ON CONFLICT after a bare FROM as a join)
            ON CONFLICT (delivery_id, provider_id) WHERE provider_id IS NOT NULL DO NOTHING;
            WITH r (id, provider, provider_id, at) AS (VALUES {values.Sql})
            UPDATE deliveries
            SET state = 'accepted', provider = r.provider, provider_id = r.provider_id, accepted_at = r.at,
                lease_owner = NULL, lease_until = NULL, error = NULL, error_code = NULL
            FROM r
            WHERE deliveries.id = r.id AND deliveries.id IN (
                SELECT id FROM deliveries WHERE id IN (SELECT id FROM r) AND state IN ('sending', 'queued') ORDER BY id {dialect.ForNoKeyUpdate()})
            RETURNING deliveries.id, deliveries.notification_id
            """,
            values.Parameters, tx, cancellationToken: ct)))
        {
            if (dialect == SqlDialect.PostgreSql) await results.ReadAsync(); // the locks
            updated = (await results.ReadAsync<(long Id, long NotificationId)>()).ToList();
        }
        if (updated.Count == 0) return updated;

        var records = group.ToLookup(r => r.DeliveryId);
        var accepted = updated.Select(u => (u.NotificationId, Record: records[u.Id].First())).ToList();
        // a notification sent on two channels in one group counts both attempts and its first accept
        var sent = SqlValues.Of("n", accepted.GroupBy(a => a.NotificationId).ToList(),
            n => n.Key, n => n.Min(a => a.Record.At), n => (long)n.Count());
        // and a status callback that came before its record named a provider id no delivery had yet
        await SqlDeliveryStatusStore.ApplyEarlyAsync(connection, tx,
            accepted.Select(a => new SqlDeliveryStatusStore.AcceptedDelivery(
                a.Record.DeliveryId, a.NotificationId, a.Record.Provider, a.Record.ProviderId)).ToList(),
            $"""
            WITH n (id, at, sends) AS (VALUES {sent.Sql})
            UPDATE notifications
            SET state = CASE WHEN state IN ('planned', 'failed') THEN 'sent' ELSE state END,
                first_accepted_at = COALESCE(first_accepted_at, n.at),
                sent_at = COALESCE(sent_at, n.at),
                attempts = attempts + n.sends
            FROM n
            WHERE notifications.id = n.id AND notifications.id IN (
                SELECT id FROM notifications WHERE id IN (SELECT id FROM n) ORDER BY id {dialect.ForNoKeyUpdate()})
            """,
            sent.Parameters, ct);
        return updated;
    }

    private sealed record AcceptedRecord(long DeliveryId, SendOutcome.Accepted Accepted, DateTimeOffset At)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task RecordRetryAsync(long deliveryId, string reason, DateTimeOffset nextAttemptAt, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE deliveries
            SET state = 'queued', next_attempt_at = @Next, lease_owner = NULL, lease_until = NULL, error = @Reason
            WHERE id = @Id
            """,
            new { Id = deliveryId, Next = nextAttemptAt, Reason = reason }, tx, cancellationToken: ct));
        await AttemptAsync(connection, tx, deliveryId, at, "transient", null, reason, ct);
        await tx.CommitAsync(ct);
    }

    public async Task RecordFailedAsync(long deliveryId, string outcome, string reason, string? errorCode, IReadOnlyList<Channel> fallback,
        string? flag, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var failed = await connection.QuerySingleAsync<(long NotificationId, long Round, long LevelRank)>(new CommandDefinition(
            """
            UPDATE deliveries
            SET state = 'failed', failed_at = @At, error = @Reason, error_code = @Code, lease_owner = NULL, lease_until = NULL
            WHERE id = @Id
            RETURNING notification_id, round, level_rank
            """,
            new { Id = deliveryId, At = at, Reason = reason, Code = errorCode }, tx, cancellationToken: ct));
        // whether every channel failed is read below: another instance failing a sibling delivery waits
        await connection.LockAsync(tx, $"notification:{failed.NotificationId}", ct);
        await AttemptAsync(connection, tx, deliveryId, at, outcome, null, reason, ct);

        if (flag is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE notifications SET flagged = COALESCE(flagged || '; ', '') || @Flag, last_error = @Reason WHERE id = @Id",
                new { Id = failed.NotificationId, Flag = flag, Reason = reason }, tx, cancellationToken: ct));
        }
        if (fallback.Count > 0)
        {
            await DeliveryQueue.QueueAsync(connection, tx, failed.NotificationId, fallback, (int)failed.Round, fallback: true,
                (int)failed.LevelRank, at, ct);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications SET state = 'failed', last_error = @Reason
            WHERE id = @Id AND state = 'planned'
              AND NOT EXISTS (SELECT 1 FROM deliveries WHERE notification_id = @Id AND state <> 'failed')
            """,
            new { Id = failed.NotificationId, Reason = reason }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task CancelAsync(long deliveryId, SkipReason reason, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET state = 'cancelled', error = @Reason, lease_owner = NULL, lease_until = NULL WHERE id = @Id",
            new { Id = deliveryId, Reason = Name(reason) }, cancellationToken: ct));
    }

    public async Task<long> WriteAsync(OutgoingMessage message, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO outbox_messages (delivery_id, channel, address, subject, body, created_at)
            VALUES (@DeliveryId, @Channel, @Address, @Subject, @Body, @At)
            RETURNING id
            """,
            new { message.DeliveryId, Channel = message.Channel.ToName(), Address = message.To, message.Subject, Body = message.Text, At = at },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Id, long DeliveryId, string Channel, string Address, string? Subject, string Body, DateTimeOffset CreatedAt)>(
            new CommandDefinition(
                "SELECT id, delivery_id, channel, address, subject, body, created_at FROM outbox_messages ORDER BY id LIMIT @Limit",
                new { Limit = limit }, cancellationToken: ct));
        return rows.Select(r => new OutboxMessage(r.Id, r.DeliveryId, ChannelOf(r.Channel), r.Address, r.Subject, r.Body, r.CreatedAt)).ToList();
    }

    internal static Channel ChannelOf(string name) =>
        Channels.TryParse(name, out var channel) ? channel : throw new InvalidDataException($"unknown channel '{name}' in the deliveries table");

    private static Task AttemptAsync(DbConnection connection, DbTransaction tx, long deliveryId, DateTimeOffset at, string outcome,
        string? providerId, string? error, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO delivery_attempts (delivery_id, at, outcome, provider_id, error) VALUES (@Id, @At, @Outcome, @ProviderId, @Error)",
            new { Id = deliveryId, At = at, Outcome = outcome, ProviderId = providerId, Error = error }, tx, cancellationToken: ct));

    private sealed class ClaimRow
    {
        public long Id { get; init; }
        public long NotificationId { get; init; }
        public string Channel { get; init; } = "";
        public long Round { get; init; }
        public long Attempts { get; init; }
        public long LevelRank { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string PersonId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Level { get; init; } = "";
        public string State { get; init; } = "";
        public string? ShortCode { get; init; }
        public string Roles { get; init; } = "[]";
        public string HazardPoints { get; init; } = "[]";
        public bool Exercise { get; init; }
        public bool AnswerExpected { get; init; }
        public bool ChainCancelled { get; init; }
        public DateTimeOffset? Expires { get; init; }
        public string Document { get; init; } = "";
        public long? SilentId { get; init; }
        public string? SilentPersonId { get; init; }
        public string? SilentHazardPoints { get; init; }
        public DateTimeOffset? SilentSince { get; init; }
    }
}
