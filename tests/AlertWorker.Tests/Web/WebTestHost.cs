using System.Net;
using System.Text.RegularExpressions;
using AlertWorker.Acknowledgement;
using AlertWorker.Hosting;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Web;

/// <summary>
/// The whole worker on Kestrel loopback on a private copy of the sample config, with a fake clock
/// and a recording acknowledgement store, and a browser-like client (cookies kept, no redirects followed).
/// </summary>
internal sealed partial class WebTestHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://alerts.example.org/qinglan";

    private WebTestHost(WebApplication app, FakeTimeProvider time, FakeAcknowledgementStore acknowledgements)
    {
        App = app;
        Time = time;
        Acknowledgements = acknowledgements;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(app.Urls.First()),
        };
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    public FakeAcknowledgementStore Acknowledgements { get; }
    public HttpClient Client { get; }

    public static async Task<WebTestHost> StartAsync(TempDatabase db, SampleConfigFolder config, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var acknowledgements = new FakeAcknowledgementStore();
        var app = WorkerHost.Build(
            [
                $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
                $"--AlertWorker:ConfigDirectory={config.Path}",
                $"--AlertWorker:PublicBaseUrl={PublicBaseUrl}",
                "--Urls=http://127.0.0.1:0",
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddSingleton<IAcknowledgementStore>(acknowledgements);
            });
        await app.StartAsync();
        return new WebTestHost(app, time, acknowledgements);
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
        var planned = await Service<INotificationStore>().ListPlannedAsync(10_000, CancellationToken.None);
        return planned.Single(n => n.PersonId == personId).Id;
    }

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
