using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Dispatch;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Acknowledgement;

public class SqlAcknowledgementStoreTests
{
    private static async Task<(DispatchHarness H, long Id, string Code)> PlannedAsync(SqlDialect dialect)
    {
        var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Red, Notice("P-001", Level.Red, Channel.Sms, Channel.Voice)));
        var row = (await h.QueryAsync<(long Id, string Code)>("SELECT id, short_code FROM notifications")).Single();
        return (h, row.Id, row.Code);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Acknowledge_Pending_RecordsWhenHowWhoAndCancelsQueuedDeliveries(SqlDialect dialect)
    {
        var (h, id, _) = await PlannedAsync(dialect);
        await using var _ = h;

        var result = await h.Acknowledgements.AcknowledgeAsync(id, AnswerMethod.OnBehalf, "duty1", "电话联系本人 06:05", Start.AddMinutes(5), CancellationToken.None);

        Assert.Equal(AcknowledgeResult.Acknowledged, result);
        Assert.Equal(("acknowledged", Start.AddMinutes(5), "onBehalf", "duty1", "电话联系本人 06:05"),
            Assert.Single(await h.QueryAsync<(string, DateTimeOffset, string, string, string)>(
                "SELECT state, acknowledged_at, answer_method, answered_by, answer_note FROM notifications")));
        Assert.Equal(["cancelled"], await h.QueryAsync<string>("SELECT DISTINCT state FROM deliveries"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Acknowledge_Twice_SecondChangesNothing(SqlDialect dialect)
    {
        var (h, id, _) = await PlannedAsync(dialect);
        await using var _ = h;
        await h.Acknowledgements.AcknowledgeAsync(id, AnswerMethod.Sms, "P-001", null, Start, CancellationToken.None);

        var again = await h.Acknowledgements.AcknowledgeAsync(id, AnswerMethod.Voice, "P-001", null, Start.AddMinutes(1), CancellationToken.None);

        Assert.Equal(AcknowledgeResult.AlreadyAnswered, again);
        Assert.Equal("sms", await h.ScalarAsync<string>("SELECT answer_method FROM notifications"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Acknowledge_AnswersAtTheSameTime_OneRecordedTheOthersAlreadyAnswered(SqlDialect dialect)
    {
        var (h, id, _) = await PlannedAsync(dialect);
        await using var _ = h;

        // a key press, an SMS and duty officers on several instances, all at once
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            h.Acknowledgements.AcknowledgeAsync(id, AnswerMethod.OnBehalf, $"duty{i}", $"call {i}", Start.AddSeconds(i), CancellationToken.None))));

        Assert.Equal(AcknowledgeResult.Acknowledged, Assert.Single(results, r => r != AcknowledgeResult.AlreadyAnswered));
        var (by, note) = Assert.Single(await h.QueryAsync<(string, string)>("SELECT answered_by, answer_note FROM notifications"));
        Assert.Equal(by.Replace("duty", "call "), note);
    }

    [Theory]
    // no note at all
    [SqliteData(null), PostgresData(null)]
    // only spaces
    [SqliteData("  "), PostgresData("  ")]
    public async Task Acknowledge_OnBehalfWithoutNote_Refused(SqlDialect dialect, string? note)
    {
        var (h, id, _) = await PlannedAsync(dialect);
        await using var _ = h;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            h.Acknowledgements.AcknowledgeAsync(id, AnswerMethod.OnBehalf, "duty1", note, Start, CancellationToken.None));
        Assert.Equal("planned", await h.ScalarAsync<string>("SELECT state FROM notifications"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Acknowledge_NoAnswerExpectedOrUnknown_NotFound(SqlDialect dialect)
    {
        await using var h = await CreateAsync(dialect);
        await h.SaveAsync(Notify("w1", Level.Blue, Notice("P-001", Level.Blue, Channel.Email)));
        var blue = await h.ScalarAsync<long>("SELECT id FROM notifications");

        Assert.Equal(AcknowledgeResult.NotFound, await h.Acknowledgements.AcknowledgeAsync(blue, AnswerMethod.Email, "P-001", null, Start, CancellationToken.None));
        Assert.Equal(AcknowledgeResult.NotFound, await h.Acknowledgements.AcknowledgeAsync(999, AnswerMethod.Sms, "P-001", null, Start, CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task PendingForPhone_DirectoryPhone_OnlyUnansweredOnes(SqlDialect dialect)
    {
        var (h, id, code) = await PlannedAsync(dialect);
        await using var _ = h;
        await h.SaveAsync(Notify("w2", Level.Red, Notice("P-001", Level.Red, Channel.Sms)));
        var second = await h.ScalarAsync<long>("SELECT MAX(id) FROM notifications");
        await h.Acknowledgements.AcknowledgeAsync(second, AnswerMethod.Sms, "P-001", null, Start, CancellationToken.None);

        var pending = await h.Acknowledgements.PendingForPhoneAsync("+8613800000001", CancellationToken.None);

        Assert.Equal([new PendingNotification(id, "P-001", "cma@example.cn|w1", code, "zh-CN")], pending);
        Assert.Empty(await h.Acknowledgements.PendingForPhoneAsync("+8613899999999", CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task FindByShortCode_LowerCase_Found(SqlDialect dialect)
    {
        var (h, id, code) = await PlannedAsync(dialect);
        await using var _ = h;

        Assert.Equal(id, (await h.Acknowledgements.FindByShortCodeAsync(code.ToLowerInvariant(), CancellationToken.None))?.NotificationId);
        Assert.Null(await h.Acknowledgements.FindByShortCodeAsync("ZZZZZZ", CancellationToken.None));
    }
}
