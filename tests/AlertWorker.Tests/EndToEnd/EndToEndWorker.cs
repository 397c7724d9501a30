using AlertWorker.Hosting;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Dispatch.Channels;
using AlertWorker.Tests.Storage;
using AlertWorker.Tests.Web;
using AlertWorker.Tests.Web.Webhooks;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.EndToEnd;

/// <summary>
/// The real worker (<see cref="WorkerHost.Build"/>, every loop on) on Kestrel at a fixed loopback port
/// that is also its <c>AlertWorker:PublicBaseUrl</c>, a temp SQLite database, a config folder of the
/// test's, and a <see cref="FakeTimeProvider"/> as the host's clock. The loops only wake when the fake
/// clock moves: <see cref="NudgeUntilAsync{T}"/> moves it a second at a time until a condition holds.
/// </summary>
internal sealed class EndToEndWorker : IAsyncDisposable
{
    /// <summary>How long (real time) a condition may take before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Nudge = TimeSpan.FromSeconds(1);

    /// <summary>Real time between nudges: the fake clock runs at most ten times real time, so that on a loaded
    /// machine a job running a second late in real time is still only seconds late on the fake clock.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;

    private EndToEndWorker(WebApplication app, TempDatabase db, FakeTimeProvider clock, string publicBaseUrl)
    {
        _app = app;
        Db = db;
        Clock = clock;
        PublicBaseUrl = publicBaseUrl;
        Browser = new BrowserClient(new Uri(publicBaseUrl));
    }

    public TempDatabase Db { get; }
    public FakeTimeProvider Clock { get; }
    public string PublicBaseUrl { get; }
    public BrowserClient Browser { get; }

    public static async Task<EndToEndWorker> StartAsync(DateTimeOffset start, SampleConfigFolder config, params string[] settings)
    {
        var db = await TempDatabase.CreateAsync(migrate: false);
        var clock = new FakeTimeProvider(start);
        var publicBaseUrl = $"http://127.0.0.1:{TestSmtpServer.FreePort()}";
        var app = WorkerHost.Build(
        [
            $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
            $"--AlertWorker:ConfigDirectory={config.Path}",
            $"--AlertWorker:PublicBaseUrl={publicBaseUrl}",
            $"--Urls={publicBaseUrl}",
            .. settings,
        ], builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        return new EndToEndWorker(app, db, clock, publicBaseUrl);
    }

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Reads until <paramref name="done"/> holds, moving the fake clock a second between reads
    /// so that the dispatcher loop and the Quartz jobs (escalation, feed polls; waiting on it) run; fails after <see cref="Patience"/>.</summary>
    public async Task<T> NudgeUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"not within {Patience.TotalSeconds}s: {what}");
            Clock.Advance(Nudge);
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Moves the fake clock forward to <paramref name="at"/>.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        Assert.True(at > Clock.GetUtcNow(), $"the clock is already at {Clock.GetUtcNow():O}, past {at:O}");
        Clock.Advance(at - Clock.GetUtcNow());
    }

    /// <summary>Posts a form as Twilio would, signed with <paramref name="authToken"/> over the public URL.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string pathAndQuery, Dictionary<string, string> form, string authToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(authToken, PublicBaseUrl + pathAndQuery, form));
        return await Browser.SendAsync(request);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Db.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Db.DisposeAsync();
    }
}
