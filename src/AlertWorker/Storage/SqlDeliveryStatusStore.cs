using System.Data.Common;
using Dapper;
using static AlertWorker.Storage.StoredEnum;

namespace AlertWorker.Storage;

public sealed class SqlDeliveryStatusStore(DbDataSource database) : IDeliveryStatusStore
{
    /// <summary>How long a report that names no delivery is kept for an accept still to be recorded.</summary>
    public static readonly TimeSpan EarlyReportKeptFor = TimeSpan.FromDays(1);

    public async Task<bool> RecordAsync(DeliveryStatusReport report, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockProviderIdAsync(connection, transaction, report.Provider, report.ProviderId, ct);
        var delivery = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(
            "SELECT id AS Id, notification_id AS NotificationId FROM deliveries WHERE provider = @Provider AND provider_id = @ProviderId",
            new { report.Provider, report.ProviderId }, transaction, cancellationToken: ct));
        // the instance that sent it has not recorded the accept (yet, or ever: killed in between)
        if (delivery is null && report.DeliveryId is { } named
            && await SqlDeliveryStore.AcceptAsync(connection, transaction, [new(named, report.Provider, report.ProviderId, at)], ct) is [var accepted])
        {
            delivery = new DeliveryRow(accepted.Id, accepted.NotificationId);
        }
        if (report.IsFinal)
        {
            if (delivery is null)
                await KeepEarlyAsync(connection, transaction, report, at, ct);
            else
                await ApplyAsync(connection, transaction, delivery, report, at, ct);
        }
        await transaction.CommitAsync(ct);
        return delivery is not null;
    }

    /// <summary>
    /// In the transaction that records deliveries as accepted, each with its provider id, holding the provider
    /// ids' locks (<see cref="ProviderIdKey"/>): runs <paramref name="before"/> (the caller's statements,
    /// returning no rows, with their <paramref name="parameters"/>), then applies the reports that came before
    /// these accepts, each delivery's in the order they came, and removes them; all in one command, one round
    /// trip to a server.
    /// </summary>
    internal static async Task ApplyEarlyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<AcceptedDelivery> accepted,
        string before, DynamicParameters parameters, CancellationToken ct)
    {
        var values = SqlValues.Of("e", accepted, a => a.Provider, a => a.ProviderId);
        parameters.AddDynamicParams(values.Parameters);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {before};
            DELETE FROM early_status_reports WHERE (provider, provider_id) IN (VALUES {values.Sql})
            RETURNING provider AS Provider, provider_id AS ProviderId, status AS Status, error AS Error, error_code AS ErrorCode,
                      received_at AS ReceivedAt
            """,
            parameters, transaction, cancellationToken: ct));
        var early = (await results.ReadAsync<EarlyRow>()).ToList();
        foreach (var row in early.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Status, StringComparer.Ordinal))
        {
            var delivery = accepted.First(a => a.Provider == row.Provider && a.ProviderId == row.ProviderId);
            var report = new DeliveryStatusReport(row.Provider, row.ProviderId, Parse<DeliveryStatus>(row.Status), row.Error, row.ErrorCode);
            await ApplyAsync(connection, transaction, new DeliveryRow(delivery.Id, delivery.NotificationId), report, row.ReceivedAt, ct);
        }
    }

    /// <summary>A delivery just recorded accepted with this provider id.</summary>
    internal sealed record AcceptedDelivery(long Id, long NotificationId, string Provider, string ProviderId);

    private static Task LockProviderIdAsync(DbConnection connection, DbTransaction transaction, string provider, string providerId,
        CancellationToken ct) =>
        connection.LockAsync(transaction, ProviderIdKey(provider, providerId), ct);

    /// <summary>
    /// The lock a report that finds no delivery and an accept take turns on: the report keeps itself for the
    /// accept, and the accept applies what was kept, so a report is never kept after its accept has looked.
    /// Both take it before writing the delivery's row, so that neither holds the row while it waits.
    /// </summary>
    internal static string ProviderIdKey(string provider, string providerId) => $"provider-id:{provider}:{providerId}";

    /// <summary>Keeps a report until its delivery's accept is recorded; drops the ones kept too long.</summary>
    private static async Task KeepEarlyAsync(DbConnection connection, DbTransaction transaction, DeliveryStatusReport report,
        DateTimeOffset at, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM early_status_reports WHERE received_at < @Before;
            INSERT INTO early_status_reports (provider, provider_id, status, error_code, error, received_at)
            VALUES (@Provider, @ProviderId, @Status, @ErrorCode, @Error, @At)
            ON CONFLICT (provider, provider_id, status) DO NOTHING;
            """,
            new
            {
                Before = at - EarlyReportKeptFor,
                report.Provider,
                report.ProviderId,
                Status = Name(report.Status),
                report.ErrorCode,
                report.Error,
                At = at,
            },
            transaction, cancellationToken: ct));

    private static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, DeliveryRow delivery, DeliveryStatusReport report,
        DateTimeOffset at, CancellationToken ct)
    {
        if (report.Status == DeliveryStatus.Delivered)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE deliveries SET state = 'delivered', delivered_at = COALESCE(delivered_at, @At) WHERE id = @Id;
                UPDATE notifications SET delivered_at = @At WHERE id = @NotificationId AND delivered_at IS NULL;
                """,
                new { At = at, delivery.Id, delivery.NotificationId }, transaction, cancellationToken: ct));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE deliveries SET state = @State, failed_at = @At, error = @Error, error_code = @ErrorCode
                WHERE id = @Id AND state <> 'delivered'
                """,
                new
                {
                    State = report.Status == DeliveryStatus.Undelivered ? "undelivered" : "failed",
                    At = at,
                    report.Error,
                    report.ErrorCode,
                    delivery.Id,
                },
                transaction, cancellationToken: ct));
        }
    }

    private sealed record DeliveryRow(long Id, long NotificationId);

    private sealed record EarlyRow(string Provider, string ProviderId, string Status, string? Error, string? ErrorCode, DateTimeOffset ReceivedAt);
}
