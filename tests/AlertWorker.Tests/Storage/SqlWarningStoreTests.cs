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
        await using var connection = await db.Database.OpenConnectionAsync();
        var planned = (await connection.QueryAsync<(string PersonId, string WarningKey, string Kind, string Level, string Channels, string HazardPoints, string State, DateTimeOffset CreatedAt)>(
            "SELECT person_id, warning_key, kind, level, channels, hazard_points, state, created_at FROM notifications ORDER BY person_id")).ToList();
        Assert.Equal(["P-001", "P-002"], planned.Select(n => n.PersonId));
        var first = planned[0];
        Assert.Equal(outcome.Warning.Key, first.WarningKey);
        Assert.Equal(NoticeKind.Warning, StoredEnum.Parse<NoticeKind>(first.Kind));
        Assert.Equal(Level.Orange, StoredEnum.Parse<Level>(first.Level));
        Assert.Equal([Channel.Sms, Channel.Voice], StorageJson.Read<List<Channel>>(first.Channels));
        Assert.Equal(["HP-0001"], StorageJson.Read<List<string>>(first.HazardPoints));
        Assert.Equal("planned", first.State);
        Assert.Equal(ReceivedAt, first.CreatedAt);
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
        Assert.Equal(1, await CountNotificationsAsync(db));
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
        Assert.Equal(0, await CountNotificationsAsync(db));
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

    private static async Task<long> CountNotificationsAsync(TempDatabase db)
    {
        await using var connection = await db.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications");
    }
}
