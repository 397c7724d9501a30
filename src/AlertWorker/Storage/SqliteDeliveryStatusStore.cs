using System.Data.Common;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqliteDeliveryStatusStore(DbDataSource database) : IDeliveryStatusStore
{
    public async Task<bool> RecordAsync(DeliveryStatusReport report, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var delivery = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(
            "SELECT id AS Id, notification_id AS NotificationId FROM deliveries WHERE provider = @Provider AND provider_id = @ProviderId",
            new { report.Provider, report.ProviderId }, transaction, cancellationToken: ct));
        if (delivery is null)
            return false;

        var when = StoredTime.Write(at);
        if (report.Status == DeliveryStatus.Delivered)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE deliveries SET state = 'delivered', delivered_at = COALESCE(delivered_at, @At) WHERE id = @Id;
                UPDATE notifications SET delivered_at = @At WHERE id = @NotificationId AND delivered_at IS NULL;
                """,
                new { At = when, delivery.Id, delivery.NotificationId }, transaction, cancellationToken: ct));
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
                    At = when,
                    report.Error,
                    report.ErrorCode,
                    delivery.Id,
                },
                transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    private sealed record DeliveryRow(long Id, long NotificationId);
}
