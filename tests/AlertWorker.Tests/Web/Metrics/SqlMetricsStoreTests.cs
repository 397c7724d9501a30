using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using AlertWorker.Web.Metrics;
using Dapper;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Web.Metrics;

public class SqlMetricsStoreTests
{
    [Theory, SqliteData, PostgresData]
    public async Task ReadAsync_AnswersAtTheBucketBounds_CountedByTheDatabaseToTheMillisecond(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var people = new[] { "P-001", "P-002", "P-003", "P-004", "P-005", "P-006" };
        await new SqlWarningStore(db.Database).SaveOutcomeAsync(
            Notify("w1", Level.Red, people.Select(p => Notice(p, Level.Red, Channel.Sms)).ToArray()), null, "f", Start, CancellationToken.None);
        // answered after: before the acceptance was recorded, exactly one minute, a millisecond more, 1,000 s, past the last bound; one unanswered
        TimeSpan[] delays = [TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(60_001), TimeSpan.FromSeconds(1000), TimeSpan.FromMilliseconds(3_600_500)];
        await using var connection = await db.Database.OpenConnectionAsync();
        foreach (var (person, delay) in people.Zip(delays))
        {
            await connection.ExecuteAsync("UPDATE notifications SET first_accepted_at = @Accepted, acknowledged_at = @Answered WHERE person_id = @Person",
                new { Accepted = Start.AddMinutes(1), Answered = Start.AddMinutes(1) + delay, Person = person });
        }
        await connection.ExecuteAsync("UPDATE notifications SET first_accepted_at = @Accepted WHERE person_id = 'P-006'", new { Accepted = Start });

        var times = (await new SqlMetricsStore(db.Database).ReadAsync(CancellationToken.None)).AnswerTimes;

        Assert.Equal([60, 300, 600, 1200, 1800, 3600], AnswerTimes.BucketSeconds);
        Assert.Equal([2L, 3, 3, 4, 4, 4], times.AtMost);
        Assert.Equal(5, times.Count);
        Assert.Equal(60 + 60.001 + 1000 + 3600.5, times.TotalSeconds, precision: 6);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ReadAsync_NothingAnswered_EmptyHistogram(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);

        var times = (await new SqlMetricsStore(db.Database).ReadAsync(CancellationToken.None)).AnswerTimes;

        Assert.Equal(new long[AnswerTimes.BucketSeconds.Count], times.AtMost);
        Assert.Equal(0, times.Count);
        Assert.Equal(0, times.TotalSeconds);
    }
}
