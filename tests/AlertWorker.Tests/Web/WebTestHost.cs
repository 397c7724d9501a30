using System.Net;
using System.Text.RegularExpressions;
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
internal sealed partial class WebTestHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://alerts.example.org/qinglan";

    private WebTestHost(WebApplication app, TempDatabase db, FakeTimeProvider time)
    {
        App = app;
        Db = db;
        Time = time;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(app.Urls.First()),
        };
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    public TempDatabase Db { get; }
    public HttpClient Client { get; }

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

    /// <summary>The antiforgery form field of the page at <paramref name="path"/> (its cookie is kept by the client).</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var page = await Client.GetStringAsync(path);
        return TokenField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery field on {path}");
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public async Task<HttpResponseMessage> LogInAsync(string userName, string password)
    {
        var token = await FormTokenAsync("/login");
        return await PostFormAsync("/login", ("userName", userName), ("password", password), (AntiforgeryField, token));
    }

    public const string AntiforgeryField = "__RequestVerificationToken";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
