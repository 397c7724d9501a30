using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using Dapper;

namespace AlertWorker.Tests.Storage;

public class SqlWarningStoreTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2025, 7, 1, 0, 5, 0, TimeSpan.Zero);

    [Theory, SqliteData, PostgresData]
    public async Task SaveOutcomeAsync_NewWarning_StoresWarningChainAndOneNotificationPerNotice(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var store = new SqlWarningStore(db.Database);
        var outcome = SampleWarnings.Notify(SampleWarnings.Warning("W-1"), SampleWarnings.Notice("P-001"), SampleWarnings.Notice("P-002"));

        var stored = await store.SaveOutcomeAsync(outcome, SampleWarnings.Chain(outcome), "cma", ReceivedAt, CancellationToken.None);

        Assert.True(stored);
        var planned = await store.ListPlannedAsync(10, CancellationToken.None);
        Assert.Equal(["P-001", "P-002"], planned.Select(n => n.PersonId).Order());
        var first = planned.Single(n => n.PersonId == "P-001");
        Assert.Equal(outcome.Warning.Key, first.WarningKey);
        Assert.Equal(NoticeKind.Warning, first.Kind);
        Assert.Equal(Level.Orange, first.Level);
        Assert.Equal([Channel.Sms, Channel.Voice], first.Channels);
        Assert.Equal(["HP-0001"], first.HazardPoints);
        Assert.Equal("planned", first.State);
        Assert.Equal(ReceivedAt, first.CreatedAt);
        await using var connection = await db.Database.OpenConnectionAsync();
        Assert.Equal("orange", await connection.ExecuteScalarAsync<string>("SELECT level FROM warnings WHERE key = @Key", new { outcome.Warning.Key }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM warning_chains"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SaveOutcomeAsync_SameKeyTwice_SecondWritesNothing(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var store = new SqlWarningStore(db.Database);
        var outcome = SampleWarnings.Notify(SampleWarnings.Warning("W-1"), SampleWarnings.Notice("P-001"));
        await store.SaveOutcomeAsync(outcome, SampleWarnings.Chain(outcome), "cma", ReceivedAt, CancellationToken.None);

        var again = await store.SaveOutcomeAsync(outcome, SampleWarnings.Chain(outcome), "cma", ReceivedAt.AddMinutes(5), CancellationToken.None);

        Assert.False(again);
        Assert.Single(await store.ListPlannedAsync(10, CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SaveOutcomeAsync_NotificationInsertFails_NothingOfTheOutcomeIsStored(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var store = new SqlWarningStore(db.Database);
        // the same person and kind twice breaks the notifications' unique key half way through
        var outcome = SampleWarnings.Notify(SampleWarnings.Warning("W-1"), SampleWarnings.Notice("P-001"), SampleWarnings.Notice("P-001"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            store.SaveOutcomeAsync(outcome, SampleWarnings.Chain(outcome), "cma", ReceivedAt, CancellationToken.None));

        var history = await store.LoadHistoryAsync([outcome.Warning.Key], CancellationToken.None);
        Assert.False(history.HasSeen(outcome.Warning.Key));
        Assert.Null(history.FindChain(outcome.Warning.Key));
        Assert.Empty(await store.ListPlannedAsync(10, CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task LoadHistoryAsync_StoredWarnings_SeenKeysAndTheirChains(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var store = new SqlWarningStore(db.Database);
        var first = SampleWarnings.Notify(SampleWarnings.Warning("W-1"), SampleWarnings.Notice("P-001"));
        await store.SaveOutcomeAsync(first, SampleWarnings.Chain(first), "cma", ReceivedAt, CancellationToken.None);
        var update = SampleWarnings.Notify(
            SampleWarnings.Warning("W-2", MsgType.Update, new WarningReference("cma@example.cn", "W-1", null))) with { ChainKey = first.ChainKey };
        await store.SaveOutcomeAsync(update, SampleWarnings.Chain(first, first.Warning.Key, update.Warning.Key) with { Latest = update.Warning }, "cma", ReceivedAt, CancellationToken.None);
        var test = SampleWarnings.Ignored(SampleWarnings.Warning("T-1") with { Status = WarningStatus.Test }, IgnoreReason.Test);
        await store.SaveOutcomeAsync(test, null, "cma", ReceivedAt, CancellationToken.None);

        var history = await store.LoadHistoryAsync([first.Warning.Key, test.Warning.Key, "cma@example.cn|unknown"], CancellationToken.None);

        Assert.True(history.HasSeen(first.Warning.Key));
        Assert.True(history.HasSeen(test.Warning.Key));
        Assert.False(history.HasSeen("cma@example.cn|unknown"));
        var chain = history.FindChain(first.Warning.Key);
        Assert.NotNull(chain);
        Assert.Equal([first.Warning.Key, update.Warning.Key], chain.Keys);
        Assert.Equal(update.Warning.Key, chain.Latest.Key);
        Assert.Null(history.FindChain(test.Warning.Key));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ListPlannedAsync_MixedLevels_HigherLevelFirstThenOlderFirst(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var store = new SqlWarningStore(db.Database);
        var blue = SampleWarnings.Notify(SampleWarnings.Warning("W-blue"), SampleWarnings.Notice("P-blue") with { Level = Level.Blue });
        var redLater = SampleWarnings.Notify(SampleWarnings.Warning("W-red-2"), SampleWarnings.Notice("P-red-2") with { Level = Level.Red });
        var redEarlier = SampleWarnings.Notify(SampleWarnings.Warning("W-red-1"), SampleWarnings.Notice("P-red-1") with { Level = Level.Red });
        await store.SaveOutcomeAsync(blue, null, "cma", ReceivedAt, CancellationToken.None);
        await store.SaveOutcomeAsync(redLater, null, "cma", ReceivedAt.AddMinutes(2), CancellationToken.None);
        await store.SaveOutcomeAsync(redEarlier, null, "cma", ReceivedAt.AddMinutes(1), CancellationToken.None);

        var planned = await store.ListPlannedAsync(10, CancellationToken.None);

        Assert.Equal(["P-red-1", "P-red-2", "P-blue"], planned.Select(n => n.PersonId));
    }
}
