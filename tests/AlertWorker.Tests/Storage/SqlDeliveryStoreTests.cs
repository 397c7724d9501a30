using AlertWorker.Dispatch;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Dispatch;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Storage;

public class SqlDeliveryStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Theory, SqliteData, PostgresData]
    public async Task ClaimDue_ExpiredLeasesAndQueuedRows_MergedInSendingOrderUpToTheLimit(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("yellow-old", Level.Yellow, Notice("P-001", Level.Yellow, Channel.Sms)));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SaveAsync(Notify("red-crashed", Level.Red, Notice("P-002", Level.Red, Channel.Sms)));
        var crashed = await h.Deliveries.ClaimDueAsync("crashed", h.Clock.GetUtcNow(), Lease, 1, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SaveAsync(Notify("red-held", Level.Red, Notice("P-003", Level.Red, Channel.Sms)));
        await h.Deliveries.ClaimDueAsync("alive", h.Clock.GetUtcNow(), TimeSpan.FromHours(1), 1, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SaveAsync(Notify("orange", Level.Orange, Notice("P-004", Level.Orange, Channel.Sms)));
        await h.SaveAsync(Notify("red-new", Level.Red, Notice("P-005", Level.Red, Channel.Sms)));
        await h.ExecuteAsync("UPDATE deliveries SET next_attempt_at = '2099-01-01T00:00:00.0000000Z' WHERE notification_id = " +
                             "(SELECT id FROM notifications WHERE person_id = 'P-005')");

        var claimed = await h.Deliveries.ClaimDueAsync("next", h.Clock.GetUtcNow(), Lease, 3, CancellationToken.None);
        var rest = await h.Deliveries.ClaimDueAsync("next", h.Clock.GetUtcNow(), Lease, 3, CancellationToken.None);

        Assert.Equal("P-002", Assert.Single(crashed).PersonId);
        // the crashed instance's red (lease ran out) before the orange and the older yellow; the red
        // still held by a live instance and the red not yet due are left alone
        Assert.Equal(["P-002", "P-004", "P-001"], claimed.Select(d => d.PersonId));
        Assert.Empty(rest);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_ManySendsAtOnce_EachCommittedOnceWithItsAttempt(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        const int sends = 64;
        var claimed = await ClaimRedSmsAsync(h, "many", sends);

        await Task.WhenAll(claimed.Select(d => Task.Run(() =>
            h.Deliveries.RecordAcceptedAsync(d.Id, new SendOutcome.Accepted("fake", $"SM{d.Id}"), h.Clock.GetUtcNow(), CancellationToken.None))));

        Assert.Equal(sends, claimed.Count);
        var deliveries = await h.QueryAsync<(long Id, string State, string ProviderId)>("SELECT id, state, provider_id FROM deliveries ORDER BY id");
        Assert.All(deliveries, d => Assert.Equal(("accepted", $"SM{d.Id}"), (d.State, d.ProviderId)));
        Assert.Equal(claimed.Select(d => d.Id).Order(), await h.QueryAsync<long>("SELECT delivery_id FROM delivery_attempts ORDER BY delivery_id"));
        Assert.Equal(["sent"], await h.QueryAsync<string>("SELECT DISTINCT state FROM notifications"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_BothChannelsOfANotificationAtOnce_TwoAttemptsAndSent(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        const int people = 32;
        await h.SaveAsync(Notify("two-channels", Level.Red,
            Enumerable.Range(1, people).Select(i => Notice($"P-{i:D3}", Level.Red, Channel.Sms, Channel.Voice)).ToArray()));
        var claimed = await h.Deliveries.ClaimDueAsync("test", h.Clock.GetUtcNow(), Lease, 2 * people, CancellationToken.None);
        var at = h.Clock.GetUtcNow();

        // all at once, so that the two accepts of one notification are mostly written in the same group
        await Task.WhenAll(claimed.Select(d => Task.Run(() =>
            h.Deliveries.RecordAcceptedAsync(d.Id, new SendOutcome.Accepted("fake", $"SM{d.Id}"), at, CancellationToken.None))));

        Assert.Equal(2 * people, claimed.Count);
        var notifications = await h.QueryAsync<(string State, long Attempts, DateTimeOffset FirstAccepted, DateTimeOffset Sent)>(
            "SELECT state, attempts, first_accepted_at, sent_at FROM notifications");
        Assert.Equal(people, notifications.Count);
        Assert.All(notifications, n => Assert.Equal(("sent", 2L, at, at), n));
        Assert.Equal(2 * people, await h.ScalarAsync<long>("SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'accepted'"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_TwoInstancesRecordTheSameDeliveriesAtOnce_EachAcceptedOnceNoneFails(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        const int sends = 40;
        var claimed = await ClaimRedSmsAsync(h, "both", sends);
        // the other instance took the deliveries over after the lease ran out and sent them too
        var other = new SqlDeliveryStore(h.Db.Database);

        await Task.WhenAll(claimed.SelectMany(d => new[]
        {
            Task.Run(() => h.Deliveries.RecordAcceptedAsync(d.Id, new SendOutcome.Accepted("fake", $"A{d.Id}"), h.Clock.GetUtcNow(), CancellationToken.None)),
            Task.Run(() => other.RecordAcceptedAsync(d.Id, new SendOutcome.Accepted("fake", $"B{d.Id}"), h.Clock.GetUtcNow(), CancellationToken.None)),
        }));

        Assert.Equal(sends, claimed.Count);
        Assert.Equal(["accepted"], await h.QueryAsync<string>("SELECT DISTINCT state FROM deliveries"));
        Assert.Equal(2L * sends, await h.ScalarAsync<long>("SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'accepted'"));
        // the first record of each delivery counts on its notification, the second finds it no longer being sent
        Assert.Equal([1L], await h.QueryAsync<long>("SELECT DISTINCT attempts FROM notifications"));
    }

    /// <summary>A red warning with an SMS notice to each of <paramref name="people"/> people, its deliveries claimed.</summary>
    private static async Task<IReadOnlyList<ClaimedDelivery>> ClaimRedSmsAsync(DispatchHarness h, string identifier, int people)
    {
        await h.SaveAsync(Notify(identifier, Level.Red, Enumerable.Range(1, people).Select(i => Notice($"P-{i:D3}", Level.Red, Channel.Sms)).ToArray()));
        return await h.Deliveries.ClaimDueAsync("test", h.Clock.GetUtcNow(), Lease, people, CancellationToken.None);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ClaimDue_InstancesClaimingAtOnce_EachDeliveryClaimedByOne(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        const int sends = 300;
        await h.SaveAsync(Notify("many", Level.Red, Enumerable.Range(1, sends).Select(i => Notice($"P-{i:D3}", Level.Red, Channel.Sms)).ToArray()));

        // six instances claim batches of 20 until nothing is left
        var claims = await Task.WhenAll(Enumerable.Range(1, 6).Select(instance => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (await h.Deliveries.ClaimDueAsync($"instance-{instance}", h.Clock.GetUtcNow(), Lease, 20, CancellationToken.None) is { Count: > 0 } batch)
                mine.AddRange(batch.Select(d => d.Id));
            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(sends, all.Count);
        Assert.Equal(sends, all.Distinct().Count());
        Assert.Equal(sends, await h.ScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE state = 'sending' AND attempts = 1"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_StatusCallbacksAtTheSameTime_EveryDeliveryEndsDelivered(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        // each callback races its accept: before, while or after it is recorded
        var claimed = await RaceAcceptsWithCallbacksAsync(h, d => new("twilio", $"SM{d.Id}", DeliveryStatus.Delivered, null, null));

        Assert.Equal(Many, claimed.Count);
        Assert.Equal(["delivered"], await h.QueryAsync<string>("SELECT DISTINCT state FROM deliveries"));
        Assert.Equal(0L, await h.ScalarAsync<long>("SELECT COUNT(*) FROM early_status_reports"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_CallbackNamingTheDeliveryAtTheSameTime_AcceptedOnceWithOneAttempt(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        // Twilio's "sent" for each, naming its delivery, races the sender's own record of the accept
        var claimed = await RaceAcceptsWithCallbacksAsync(h, d => new("twilio", $"SM{d.Id}", DeliveryStatus.OnItsWay, null, null, d.Id));

        Assert.Equal(Many, claimed.Count);
        Assert.Equal([("accepted", (long)Many)], await h.QueryAsync<(string, long)>(
            "SELECT state, COUNT(*) FROM deliveries WHERE provider_id = 'SM' || id GROUP BY state"));
        Assert.Equal([("sent", 1L)], await h.QueryAsync<(string, long)>("SELECT DISTINCT state, attempts FROM notifications"));
        Assert.Equal([1L], await h.QueryAsync<long>("SELECT DISTINCT COUNT(*) FROM delivery_attempts GROUP BY delivery_id"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task StatusCallback_NamingADeliveryQueuedAgainAfterATimeout_AcceptedAndNotSentAgain(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        var claimed = await ClaimRedSmsAsync(h, "one", 1);
        var at = h.Clock.GetUtcNow();
        var delivery = Assert.Single(claimed);
        // the request timed out here, but Twilio had created the message
        await h.Deliveries.RecordRetryAsync(delivery.Id, "timeout", at.AddSeconds(30), at, CancellationToken.None);

        var recorded = await new SqlDeliveryStatusStore(h.Db.Database).RecordAsync(
            new("twilio", "SMlate", DeliveryStatus.OnItsWay, null, null, delivery.Id), at.AddSeconds(5), CancellationToken.None);

        Assert.True(recorded);
        Assert.Equal([("accepted", "SMlate")], await h.QueryAsync<(string, string)>("SELECT state, provider_id FROM deliveries"));
        Assert.Empty(await h.Deliveries.ClaimDueAsync("test", at.AddMinutes(1), Lease, 10, CancellationToken.None));
    }

    private const int Many = 40;

    /// <summary>A red SMS to <see cref="Many"/> people, claimed; each send's record of its accept (provider id
    /// <c>SM</c> + delivery id) and its status callback run at once.</summary>
    private static async Task<IReadOnlyList<ClaimedDelivery>> RaceAcceptsWithCallbacksAsync(DispatchHarness h,
        Func<ClaimedDelivery, DeliveryStatusReport> callback)
    {
        var statuses = new SqlDeliveryStatusStore(h.Db.Database);
        var claimed = await ClaimRedSmsAsync(h, "many", Many);
        var at = h.Clock.GetUtcNow();
        await Task.WhenAll(claimed.SelectMany(d => new[]
        {
            Task.Run(() => h.Deliveries.RecordAcceptedAsync(d.Id, new SendOutcome.Accepted("twilio", $"SM{d.Id}"), at, CancellationToken.None)),
            Task.Run(() => statuses.RecordAsync(callback(d), at, CancellationToken.None)),
        }));
        return claimed;
    }
}
