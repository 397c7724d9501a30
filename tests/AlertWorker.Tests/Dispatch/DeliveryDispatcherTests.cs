using AlertWorker.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Dispatch;

public class DeliveryDispatcherTests
{
    [Theory, SqliteData, PostgresData]
    public async Task SaveOutcome_WarningAtRed_GivesCodesAnswerExpectedAndOneDeliveryPerChannel(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Voice, Channel.Sms), Notice("P-002", Level.Red, Channel.Sms)));

        var notifications = await h.QueryAsync<(string PersonId, string ShortCode, bool AnswerExpected)>(
            "SELECT person_id, short_code, answer_expected FROM notifications ORDER BY person_id");
        var deliveries = await h.QueryAsync<(string PersonId, string Channel, long Round, string State)>(
            "SELECT n.person_id, d.channel, d.round, d.state FROM deliveries d JOIN notifications n ON n.id = d.notification_id ORDER BY 1, 2");

        Assert.All(notifications, n => Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$", n.ShortCode));
        Assert.NotEqual(notifications[0].ShortCode, notifications[1].ShortCode);
        Assert.All(notifications, n => Assert.True(n.AnswerExpected));
        Assert.Equal([("P-001", "sms", 0L, "queued"), ("P-001", "voice", 0L, "queued"), ("P-002", "sms", 0L, "queued")], deliveries);
    }

    [Theory, SqliteData, PostgresData]
    public async Task SaveOutcome_BlueWithoutAckWithin_ExpectsNoAnswer(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Blue, Notice("P-001", Level.Blue, Channel.Email)));

        Assert.Equal(0, await h.ScalarAsync<long>("SELECT answer_expected FROM notifications"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SaveOutcome_CodeCollides_DrawsAgain(SqlDialect dialect)
    {
        await using var db = await Storage.TempDatabase.CreateAsync(dialect);
        var draws = new Queue<string>(["AAAA", "AAAA", "BBBB"]);
        var store = new AlertWorker.Storage.SqlWarningStore(db.Database, codes: new AlertWorker.Storage.ShortCodeGenerator(_ => draws.Dequeue()));

        await store.SaveOutcomeAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms), Notice("P-002", Level.Red, Channel.Sms)),
            null, "f", Start, CancellationToken.None);

        await using var connection = await db.Database.OpenConnectionAsync();
        var codes = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT short_code FROM notifications ORDER BY id");
        Assert.Equal(["AAAA", "BBBB"], codes);
    }

    [Theory, PostgresData]
    public async Task SaveOutcome_CodeBeingWrittenByAnotherInstance_DrawsAgainOnceThatCommits(SqlDialect dialect)
    {
        await using var db = await Storage.TempDatabase.CreateAsync(dialect);
        await new SqlWarningStore(db.Database, codes: new ShortCodeGenerator(_ => "ZZZZ"))
            .SaveOutcomeAsync(Notify("w0", Level.Red, Notice("P-009", Level.Red, Channel.Sms)), null, "f", Start, CancellationToken.None);
        // another instance is writing a notification with AAAA and has not committed yet
        await using var other = await db.Database.OpenConnectionAsync();
        await using var otherTx = await other.BeginTransactionAsync();
        await Dapper.SqlMapper.ExecuteAsync(other, "UPDATE notifications SET short_code = 'AAAA'", transaction: otherTx);
        var draws = new Queue<string>(["AAAA", "BBBB"]);
        var store = new SqlWarningStore(db.Database, codes: new ShortCodeGenerator(_ => draws.Dequeue()));

        var save = store.SaveOutcomeAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)), null, "f", Start, CancellationToken.None);
        // a connection of its own: within a transaction the server keeps showing the first snapshot of its activity
        await using var watch = await db.Database.OpenConnectionAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await Dapper.SqlMapper.ExecuteScalarAsync<long>(watch,
                   "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(save.IsCompleted, "the save waits for the other instance's AAAA");
            Assert.True(DateTime.UtcNow < deadline, "the save reached the other instance's AAAA");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
        await otherTx.CommitAsync();

        Assert.True(await save);
        await using var connection = await db.Database.OpenConnectionAsync();
        var codes = await Dapper.SqlMapper.QueryAsync<(string, string)>(connection, "SELECT person_id, short_code FROM notifications ORDER BY id");
        Assert.Equal([("P-009", "AAAA"), ("P-001", "BBBB")], codes);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RecordAccepted_AfterAnotherInstanceTookOverAndTheStatusCameBack_KeepsDelivered(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));
        var slow = Assert.Single(await h.Deliveries.ClaimDueAsync("slow", Start, TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        // the slow instance's lease runs out mid-send: another claims the delivery, sends it, and Twilio reports it delivered
        var other = Assert.Single(await h.Deliveries.ClaimDueAsync("other", Start.AddMinutes(3), TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        await h.Deliveries.RecordAcceptedAsync(other.Id, new SendOutcome.Accepted("twilio", "SM-other"), Start.AddMinutes(3), CancellationToken.None);
        var statuses = new AlertWorker.Storage.SqlDeliveryStatusStore(h.Db.Database);
        Assert.True(await statuses.RecordAsync(new("twilio", "SM-other", AlertWorker.Storage.DeliveryStatus.Delivered, null, null),
            Start.AddMinutes(4), CancellationToken.None));

        await h.Deliveries.RecordAcceptedAsync(slow.Id, new SendOutcome.Accepted("twilio", "SM-slow"), Start.AddMinutes(5), CancellationToken.None);

        Assert.Equal([("delivered", "SM-other")], await h.QueryAsync<(string, string)>("SELECT state, provider_id FROM deliveries"));
        Assert.Equal(["SM-other", "SM-slow"], await h.QueryAsync<string>("SELECT provider_id FROM delivery_attempts WHERE outcome = 'accepted' ORDER BY id"));
        Assert.Equal(("sent", 1L), Assert.Single(await h.QueryAsync<(string, long)>("SELECT state, attempts FROM notifications")));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_SeveralLevels_SendsHigherLevelFirstThenOlderFirst(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        await using var h = await CreateAsync(dialect, null, sms);
        await h.SaveAsync(Notify("yellow-old", Level.Yellow, Notice("P-001", Level.Yellow, Channel.Sms)));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SaveAsync(Notify("red-old", Level.Red, Notice("P-002", Level.Red, Channel.Sms)));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SaveAsync(Notify("orange", Level.Orange, Notice("P-003", Level.Orange, Channel.Sms)));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SaveAsync(Notify("red-new", Level.Red, Notice("P-004", Level.Red, Channel.Sms)));

        await h.DrainAsync();

        Assert.Equal(["P-002", "P-004", "P-003", "P-001"], sms.Sent.Select(m => m.PersonId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_Accepted_RecordsProviderIdAndSentOnceAndNeverSendsAgain(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        await using var h = await CreateAsync(dialect, null, sms);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));

        await h.DrainAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.DrainAsync();

        var delivery = Assert.Single(await h.QueryAsync<(string State, string Provider, string ProviderId)>("SELECT state, provider, provider_id FROM deliveries"));
        Assert.Equal(("accepted", "fake", "sms-1"), delivery);
        var notification = Assert.Single(await h.QueryAsync<(string State, DateTimeOffset FirstAcceptedAt)>("SELECT state, first_accepted_at FROM notifications"));
        Assert.Equal(("sent", Start), notification);
        Assert.Single(sms.Sent);
        Assert.Equal(["accepted"], await h.QueryAsync<string>("SELECT outcome FROM delivery_attempts"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ClaimDue_LeaseRunsOut_ClaimedAgainByAnotherInstance(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));
        var lease = TimeSpan.FromMinutes(2);

        var first = await h.Deliveries.ClaimDueAsync("crashed", h.Clock.GetUtcNow(), lease, 10, CancellationToken.None);
        h.Clock.Advance(lease - TimeSpan.FromSeconds(1));
        var whileHeld = await h.Deliveries.ClaimDueAsync("other", h.Clock.GetUtcNow(), lease, 10, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await h.Deliveries.ClaimDueAsync("other", h.Clock.GetUtcNow(), lease, 10, CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(whileHeld);
        var again = Assert.Single(afterExpiry);
        Assert.Equal(first[0].Id, again.Id);
        Assert.Equal(2, again.Attempts);
        Assert.Equal("other", await h.ScalarAsync<string>("SELECT lease_owner FROM deliveries"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_CrashAfterClaim_SendsAgainOnlyAfterTheLease(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        await using var h = await CreateAsync(dialect, null, sms);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));
        await h.Deliveries.ClaimDueAsync("crashed", h.Clock.GetUtcNow(), h.Options.Lease, 10, CancellationToken.None);

        await h.DrainAsync();
        var beforeLeaseEnds = sms.Sent.Count;
        h.Clock.Advance(h.Options.Lease);
        await h.DrainAsync();

        Assert.Equal(0, beforeLeaseEnds);
        Assert.Single(sms.Sent);
        Assert.Equal("accepted", await h.ScalarAsync<string>("SELECT state FROM deliveries"));
    }

    [Theory]
    // the chain was cancelled after the delivery was queued
    [SqliteData("UPDATE warning_chains SET cancelled = TRUE", "chainCancelled")]
    [PostgresData("UPDATE warning_chains SET cancelled = TRUE", "chainCancelled")]
    // the warning's expiry passed while the delivery waited
    [SqliteData("UPDATE warning_chains SET expires = '2026-06-13T21:00:00.0000000Z'", "warningExpired")]
    [PostgresData("UPDATE warning_chains SET expires = '2026-06-13T21:00:00.0000000Z'", "warningExpired")]
    // the person answered (another channel, or on their behalf) before this send
    [SqliteData("UPDATE notifications SET state = 'acknowledged'", "answered")]
    [PostgresData("UPDATE notifications SET state = 'acknowledged'", "answered")]
    // the cycle was closed (superseded by a level raise)
    [SqliteData("UPDATE notifications SET state = 'closed', closed_reason = 'superseded'", "closed")]
    [PostgresData("UPDATE notifications SET state = 'closed', closed_reason = 'superseded'", "closed")]
    public async Task RunRound_NoLongerWanted_CancelsWithoutSending(SqlDialect dialect, string change, string reason)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        await using var h = await CreateAsync(dialect, null, sms);
        var outcome = Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms));
        await h.SaveAsync(outcome, Storage.SampleWarnings.Chain(outcome));
        await h.ExecuteAsync(change);

        await h.DrainAsync();

        Assert.Empty(sms.Sent);
        Assert.Equal(("cancelled", reason), Assert.Single(await h.QueryAsync<(string, string)>("SELECT state, error FROM deliveries")));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_ReleasedNoticeOfCancelledChain_IsSent(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        await using var h = await CreateAsync(dialect, null, sms);
        var outcome = Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms) with { Kind = NoticeKind.Released });
        await h.SaveAsync(outcome, Storage.SampleWarnings.Chain(outcome) with { Cancelled = true });

        await h.DrainAsync();

        Assert.StartsWith("解除通知", Assert.Single(sms.Sent).Text);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_TransientWithRetryAfter_QueuedAgainForThatLongThenAccepted(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        sms.Respond = m => sms.Sent.Count == 1 ? new SendOutcome.Transient("HTTP 429 Too Many Requests", TimeSpan.FromSeconds(90)) : null;
        await using var h = await CreateAsync(dialect, null, sms);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));

        await h.DrainAsync();
        var afterFirst = Assert.Single(await h.QueryAsync<(string State, DateTimeOffset NextAttemptAt)>("SELECT state, next_attempt_at FROM deliveries"));
        h.Clock.Advance(TimeSpan.FromSeconds(89));
        await h.DrainAsync();
        var sentBeforeRetryAfter = sms.Sent.Count;
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.DrainAsync();

        Assert.Equal(("queued", Start.AddSeconds(90)), afterFirst);
        Assert.Equal(1, sentBeforeRetryAfter);
        Assert.Equal(2, sms.Sent.Count);
        Assert.Equal(["transient", "accepted"], await h.QueryAsync<string>("SELECT outcome FROM delivery_attempts ORDER BY id"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_TransientEveryTime_FailsAfterMaxAttempts(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms) { Respond = _ => new SendOutcome.Transient("HTTP 503", null) };
        await using var h = await CreateAsync(dialect, new DispatchOptions { Concurrency = 1, MaxAttempts = 3, BackoffBase = TimeSpan.FromSeconds(10) }, sms);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));

        for (var i = 0; i < 5; i++)
        {
            await h.DrainAsync();
            h.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(3, sms.Sent.Count);
        Assert.Equal("failed", await h.ScalarAsync<string>("SELECT state FROM deliveries"));
        Assert.Equal("failed", await h.ScalarAsync<string>("SELECT state FROM notifications"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_Permanent_FallsBackToOtherChannelsAndFlags(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms) { Respond = _ => new SendOutcome.Permanent("invalid number", "21211") };
        var voice = new RecordingChannelSender(Channel.Voice) { Respond = _ => new SendOutcome.Permanent("invalid number", "21211") };
        var email = new RecordingChannelSender(Channel.Email);
        await using var h = await CreateAsync(dialect, null, sms, voice, email);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));

        await h.DrainAsync();

        var deliveries = await h.QueryAsync<(string Channel, bool Fallback, string State)>("SELECT channel, fallback, state FROM deliveries ORDER BY id");
        Assert.Equal([("sms", false, "failed"), ("voice", true, "failed"), ("email", true, "accepted")], deliveries);
        Assert.Single(email.Sent);
        var notification = Assert.Single(await h.QueryAsync<(string State, string Flagged)>("SELECT state, flagged FROM notifications"));
        Assert.Equal("sent", notification.State);
        Assert.Equal("sms: invalid number (21211); voice: invalid number (21211)", notification.Flagged);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_EveryChannelFailsForGood_NotificationFailed(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms) { Respond = _ => new SendOutcome.Permanent("opted out", "21610") };
        var voice = new RecordingChannelSender(Channel.Voice) { Respond = _ => new SendOutcome.Permanent("invalid number", "21211") };
        await using var h = await CreateAsync(dialect, null, sms, voice);
        // P-029 has a phone and no email
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-029", Level.Red, Channel.Sms)));

        await h.DrainAsync();

        Assert.Equal("failed", await h.ScalarAsync<string>("SELECT state FROM notifications"));
        Assert.Equal(2, await h.ScalarAsync<long>("SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'permanent'"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_NoCredentials_WritesTheOutboxAndAcceptsIt(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms, Channel.Email)));

        await h.DrainAsync();

        var outbox = await h.Deliveries.ListAsync(10, CancellationToken.None);
        Assert.Equal([Channel.Sms, Channel.Email], outbox.Select(o => o.Channel));
        Assert.Equal(["+8613800000001", "yjj.p-001@qinglan.example"], outbox.Select(o => o.Address));
        Assert.Equal(["outbox"], (await h.QueryAsync<string>("SELECT DISTINCT provider FROM deliveries")));
        Assert.Equal([Channel.Sms, Channel.Voice, Channel.Email], h.Senders.OnOutbox);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunRound_Exercise_MarksEveryMessage(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        var email = new RecordingChannelSender(Channel.Email);
        await using var h = await CreateAsync(dialect, null, sms, email);
        var warning = Warning("drill", Level.Red, WarningStatus.Exercise);
        // P-010 reads English
        await h.SaveAsync(new WarningOutcome
        {
            Warning = warning, Action = WarningAction.Notify, ChainKey = warning.Key,
            Notices = [Notice("P-001", Level.Red, Channel.Sms, Channel.Email) with { Exercise = true }, Notice("P-010", Level.Red, Channel.Sms) with { Exercise = true }],
        });

        await h.DrainAsync();

        Assert.StartsWith("【演练】", sms.Sent.Single(m => m.PersonId == "P-001").Text);
        Assert.StartsWith("[EXERCISE] ", sms.Sent.Single(m => m.PersonId == "P-010").Text);
        Assert.StartsWith("【演练】", Assert.Single(email.Sent).Subject);
    }
}
