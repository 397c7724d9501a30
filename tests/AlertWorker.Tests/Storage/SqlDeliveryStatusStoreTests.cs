using AlertWorker.Dispatch;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Storage;

public class SqlDeliveryStatusStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_DeliveredCallbackCameFirst_DeliveryAndNotificationDelivered(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        var statuses = new SqlDeliveryStatusStore(h.Db.Database);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));
        var delivery = Assert.Single(await h.Deliveries.ClaimDueAsync("test", h.Clock.GetUtcNow(), Lease, 10, CancellationToken.None));
        var reportedAt = h.Clock.GetUtcNow();

        var matched = await statuses.RecordAsync(new("twilio", "SM-early", DeliveryStatus.Delivered, null, null), reportedAt, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMilliseconds(40));
        await h.Deliveries.RecordAcceptedAsync(delivery.Id, new SendOutcome.Accepted("twilio", "SM-early"), h.Clock.GetUtcNow(), CancellationToken.None);

        Assert.False(matched);
        Assert.Equal([("delivered", reportedAt)], await h.QueryAsync<(string, DateTimeOffset)>("SELECT state, delivered_at FROM deliveries"));
        Assert.Equal([("sent", reportedAt)], await h.QueryAsync<(string, DateTimeOffset)>("SELECT state, delivered_at FROM notifications"));
        Assert.Equal(0L, await h.ScalarAsync<long>("SELECT COUNT(*) FROM early_status_reports"));
    }

    [Theory]
    // SMS the handset never got (Twilio 30003 unreachable)
    [SqliteData(DeliveryStatus.Undelivered, "30003"), PostgresData(DeliveryStatus.Undelivered, "30003")]
    // SMS the carrier refused (Twilio 30008), or a call nobody took
    [SqliteData(DeliveryStatus.Failed, "30008"), PostgresData(DeliveryStatus.Failed, "30008")]
    public async Task RecordAccepted_FailureCallbackCameFirst_EndsAsWhenTheCallbackCameAfter(SqlDialect dialect, DeliveryStatus status, string code)
    {
        await using var h = await CreateAsync(dialect);
        var statuses = new SqlDeliveryStatusStore(h.Db.Database);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms), Notice("P-002", Level.Red, Channel.Sms)));
        var claimed = await h.Deliveries.ClaimDueAsync("test", h.Clock.GetUtcNow(), Lease, 10, CancellationToken.None);
        var at = h.Clock.GetUtcNow();
        DeliveryStatusReport Report(string sid) => new("twilio", sid, status, $"{status} (Twilio error {code})", code);

        // the first delivery's callback before its accept, the second's after it (the usual order)
        Assert.False(await statuses.RecordAsync(Report("SM-early"), at, CancellationToken.None));
        await h.Deliveries.RecordAcceptedAsync(claimed[0].Id, new SendOutcome.Accepted("twilio", "SM-early"), at, CancellationToken.None);
        await h.Deliveries.RecordAcceptedAsync(claimed[1].Id, new SendOutcome.Accepted("twilio", "SM-usual"), at, CancellationToken.None);
        Assert.True(await statuses.RecordAsync(Report("SM-usual"), at, CancellationToken.None));

        var rows = await h.QueryAsync<(string State, DateTimeOffset? FailedAt, string? Error, string? ErrorCode, DateTimeOffset? DeliveredAt)>(
            "SELECT state, failed_at, error, error_code, delivered_at FROM deliveries ORDER BY id");
        Assert.Equal(2, claimed.Count);
        Assert.Equal(rows[1], rows[0]);
        Assert.Equal((StoredEnum.Name(status), code), (rows[0].State, rows[0].ErrorCode));
        Assert.Equal(["sent"], await h.QueryAsync<string>("SELECT DISTINCT state FROM notifications"));
        Assert.Equal(0L, await h.ScalarAsync<long>("SELECT COUNT(*) FROM early_status_reports"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Record_IdNeverAccepted_KeptThenPrunedADayLater(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        var statuses = new SqlDeliveryStatusStore(h.Db.Database);
        DeliveryStatusReport Report(string sid) => new("twilio", sid, DeliveryStatus.Delivered, null, null);

        await statuses.RecordAsync(Report("SM-stray"), Start, CancellationToken.None);
        var kept = await h.QueryAsync<string>("SELECT provider_id FROM early_status_reports");
        await statuses.RecordAsync(Report("SM-halfday"), Start.AddHours(12), CancellationToken.None);
        await statuses.RecordAsync(Report("SM-next-day"), Start + SqlDeliveryStatusStore.EarlyReportKeptFor + TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(["SM-stray"], kept);
        // the stray report is past a day when the next-day one is written; the half-day one is not
        Assert.Equal(["SM-halfday", "SM-next-day"], await h.QueryAsync<string>("SELECT provider_id FROM early_status_reports ORDER BY received_at"));
    }
}
