using AlertWorker.Feeds;
using AlertWorker.Storage;

namespace AlertWorker.Tests.Storage;

public class SqlFeedHealthStoreTests
{
    [Theory, SqliteData, PostgresData]
    public async Task GetAsync_NeverSaved_EmptyHealth(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);

        var health = await new SqlFeedHealthStore(db.Database).GetAsync("cma", CancellationToken.None);

        Assert.Equal(FeedHealth.Empty("cma"), health);
    }

    [Theory, SqliteData, PostgresData]
    public async Task SaveAsync_ThenGet_SameHealth(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var store = new SqlFeedHealthStore(db.Database);
        var at = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var health = new FeedHealth
        {
            FeedId = "cma",
            LastAttempt = at.AddMinutes(5),
            LastSuccess = at,
            LastError = "HTTP 500 Internal Server Error",
            LastErrorAt = at.AddMinutes(5),
            ConsecutiveFailures = 1,
            LastChange = at,
            ContentHash = "abc",
            Rejections = ["W-1: missing sent"],
            ETag = "\"v1\"",
            LastModified = "Tue, 01 Jul 2025 00:00:00 GMT",
        };

        await store.SaveAsync(health, CancellationToken.None);
        await store.SaveAsync(health with { ConsecutiveFailures = 2 }, CancellationToken.None);
        var back = await store.GetAsync("cma", CancellationToken.None);

        Assert.Equal(health with { ConsecutiveFailures = 2, Rejections = back.Rejections }, back);
        Assert.Equal(health.Rejections, back.Rejections);
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }
}
