using AlertWorker.Hosting;
using AlertWorker.Storage;
using AlertWorker.Tests.Acknowledgement;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Web;

/// <summary>
/// The whole worker on Kestrel loopback on a private copy of the sample config (without its feeds), with a fake clock,
/// its real stores on the test's database, and a browser-like client (cookies kept, no redirects
/// followed). The dispatcher and escalation loops are off (<c>Dispatch:Enabled</c>,
/// <c>Escalation:Enabled</c>): the seeded notifications stay as planned, whatever the clock does.
/// </summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://alerts.example.org/qinglan";

    private WebTestHost(WebApplication app, TempDatabase db, FakeTimeProvider time)
    {
        App = app;
        Db = db;
        Time = time;
        Client = new BrowserClient(new Uri(app.Urls.First()));
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    public TempDatabase Db { get; }
    public BrowserClient Client { get; }

    public static async Task<WebTestHost> StartAsync(TempDatabase db, SampleConfigFolder config, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        // no feeds: the only warnings are the ones a test seeds
        config.Write("feeds.yaml", "feeds: []\n");
        var app = WorkerHost.Build(
            [
                $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
                $"--AlertWorker:ConfigDirectory={config.Path}",
                $"--AlertWorker:PublicBaseUrl={PublicBaseUrl}",
                "--Urls=http://127.0.0.1:0",
                "--Dispatch:Enabled=false",
                "--Escalation:Enabled=false",
            ],
            builder => builder.Services.AddSingleton<TimeProvider>(time));
        await app.StartAsync();
        return new WebTestHost(app, db, time);
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Stores a warning with one notification for the person; returns its id.</summary>
    public async Task<long> SeedNotificationAsync(string personId)
    {
        var outcome = SampleWarnings.Notify(SampleWarnings.Warning("W-" + personId), SampleWarnings.Notice(personId));
        await Service<IWarningStore>().SaveOutcomeAsync(outcome, SampleWarnings.Chain(outcome), "cma", Time.GetUtcNow(), CancellationToken.None);
        return await NotificationIdOfAsync(personId);
    }

    public async Task<long> NotificationIdOfAsync(string personId)
    {
        await using var connection = await Db.Database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<long>("SELECT id FROM notifications WHERE person_id = @PersonId", new { PersonId = personId });
    }

    /// <summary>The answered notifications, as stored.</summary>
    public Task<IReadOnlyList<StoredAnswer>> AnswersAsync() => StoredAnswer.ListAsync(Db.Database);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
