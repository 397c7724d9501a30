using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Dispatch;
using AlertWorker.Tests.Storage;
using Dapper;

namespace AlertWorker.Tests.Process;

/// <summary>The work the process tests give the workers (one SMS to each synthetic person) and how they read it back.</summary>
internal static class SyntheticLoad
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>One yellow warning, one SMS notice to each of the first <paramref name="people"/> synthetic people, stored as the intake stores an outcome.</summary>
    public static async Task SeedAsync(TempDatabase db, int people, string name)
    {
        var notices = Enumerable.Range(0, people)
            .Select(i => DispatchHarness.Notice(SyntheticCounty.PersonId(i), Level.Yellow, Channel.Sms))
            .ToArray();
        var outcome = DispatchHarness.Notify(name, Level.Yellow, notices);
        var store = new SqlWarningStore(db.Database);
        Assert.True(await store.SaveOutcomeAsync(outcome, chain: null, name, TimeProvider.System.GetUtcNow(), CancellationToken.None));
    }

    /// <summary>The phones of the deliveries recorded as accepted.</summary>
    public static async Task<List<string>> AcceptedAsync(TempDatabase db) =>
        (await QueryAsync<string>(db,
            "SELECT n.person_id FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE d.state = 'accepted'"))
        .Select(SyntheticCounty.PhoneOf).ToList();

    public static async Task<List<T>> QueryAsync<T>(TempDatabase db, string sql)
    {
        await using var connection = await db.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; <paramref name="ct"/> is the test's bound.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        while (!await condition()) await Task.Delay(PollEvery, ct);
    }
}
