using System.Net.Http.Json;
using System.Text.Json;
using AlertWorker.Hosting;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AlertWorker.Tests.Hosting;

/// <summary>The whole worker on the sample county, in real time: bounded polling for a condition.</summary>
public class WorkerHostTests
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory, SqliteData, PostgresData]
    public async Task Run_SampleConfig_PollsFeedsStoresWarningsAndPlansNotifications(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        using var config = new SampleConfigFolder();
        await using var app = WorkerHost.Build(
        [
            $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
            $"--AlertWorker:ConfigDirectory={config.Path}",
            "--Urls=http://127.0.0.1:0",
        ]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var outbox = app.Services.GetRequiredService<IOutboxStore>();

        var health = await Eventually(() => http.GetFromJsonAsync<JsonElement>("/healthz"),
            h => h.GetProperty("feeds").EnumerateArray().All(f => f.GetProperty("lastSuccess").ValueKind == JsonValueKind.String));
        // planned, then sent at once by the dispatcher: on a fresh machine every channel writes to the outbox
        var sent = await Eventually(() => outbox.ListAsync(10, CancellationToken.None), o => o.Count > 0);
        await using var connection = await db.Database.OpenConnectionAsync();
        // Quartz keeps its jobs in the same database; on PostgreSQL its instances check in as a cluster
        var triggers = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT trigger_name FROM qrtz_triggers ORDER BY trigger_name");
        var checkedIn = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM qrtz_scheduler_state");
        await app.StopAsync();
        var planned = (await Dapper.SqlMapper.QueryAsync<(string WarningKey, string PersonId)>(connection,
            "SELECT warning_key, person_id FROM notifications")).ToList();

        Assert.Equal("Healthy", health.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("config").GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("config").GetProperty("directoryVersion").GetInt64());
        Assert.Equal(["qinglan-geohazard", "qinglan-met-cap"],
            health.GetProperty("feeds").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Order());
        // the orange rainstorm warning (expires 2036) reaches its people; the geohazard forecast of
        // June 2026 has expired by the real clock and plans nothing
        Assert.All(planned, n => Assert.Equal("青岚县气象台|51182941600000_20260614053000_0", n.WarningKey));
        Assert.Contains(planned, n => n.PersonId == "P-042");
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.All(health.GetProperty("channels").EnumerateArray(), c => Assert.Equal("outbox", c.GetProperty("provider").GetString()));
        Assert.NotEmpty(sent);
        Assert.Equal(["pass", "qinglan-geohazard", "qinglan-met-cap"], triggers);
        Assert.Equal(dialect == SqlDialect.PostgreSql ? 1 : 0, checkedIn);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_BrokenConfigAfterAGoodStart_KeepsTheLastGoodDirectoryAndReportsTheLine(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        using var config = new SampleConfigFolder();
        await using (var first = WorkerHost.Build(Args(db, config)))
        {
            await first.StartAsync();
            await first.StopAsync();
        }
        var line = config.ReplaceLine("directory/people.csv", "P-042,", "P-042,王明,+86123,,zh-CN,");

        await using var app = WorkerHost.Build(Args(db, config));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await http.GetAsync("/healthz");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        await app.StopAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var reported = health.GetProperty("config");
        Assert.Equal("Degraded", reported.GetProperty("status").GetString());
        Assert.Equal(1, reported.GetProperty("directoryVersion").GetInt64());
        Assert.Contains(reported.GetProperty("problems").EnumerateArray(),
            p => p.GetString()!.StartsWith($"directory/people.csv:{line}: phone", StringComparison.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_BrokenConfigAndNothingStored_Unhealthy503(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        using var config = new SampleConfigFolder();
        config.ReplaceLine("directory/regions.csv", "code", "kode,name,parentCode");

        await using var app = WorkerHost.Build(Args(db, config));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await http.GetAsync("/healthz");
        await app.StopAsync();

        Assert.Equal(503, (int)response.StatusCode);
    }

    internal static string[] Args(TempDatabase db, SampleConfigFolder config) =>
    [
        $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
        $"--AlertWorker:ConfigDirectory={config.Path}",
        "--Urls=http://127.0.0.1:0",
    ];

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval);
            value = await read();
        }
        return value;
    }
}
