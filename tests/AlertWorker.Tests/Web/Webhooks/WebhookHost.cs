using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using AlertWorker.Hosting;
using AlertWorker.Storage;
using AlertWorker.Tests.Acknowledgement;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Web.Webhooks;

/// <summary>
/// The real worker on Kestrel loopback with a temp SQLite database and a copy of the sample config
/// (no feeds, so nothing but the webhooks writes), Twilio credentials set, a fake clock, the
/// dispatcher and escalation loops off, and the notifications of <see cref="SeedAsync"/> waiting for
/// answers in the real stores. Twilio reaches it at <see cref="PublicBaseUrl"/> through a proxy that strips <c>/aw</c>.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public const string AuthToken = "webhook-test-auth-token";
    public const string PublicBaseUrl = "https://alerts.example.org/aw";
    public const string WangPhone = "+8613800000042";
    public const string EnglishPhone = "+8613800000010";
    public const string OtherPhone = "+8613800000077";
    public const string SmsSid = "SM9f3c0b5e2d6a4b1c8e7f6a5b4c3d2e1f";
    public const string CallSid = "CA5e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b";

    /// <summary>杜军 (P-042, zh-CN): the first warning, by SMS (<see cref="SmsSid"/>) and a call (<see cref="CallSid"/>); code A7K2.</summary>
    public const long WangFirst = 1;
    /// <summary>崔芳 (P-010, en in the sample directory): the first warning, by SMS; code C9N4.</summary>
    public const long English = 2;
    /// <summary>杜军 again: a second warning, by SMS; code B8M3.</summary>
    public const long WangSecond = 3;

    private static readonly string[] Tables = ["inbound_messages", "deliveries", "notifications", "warnings"];

    private readonly TempDatabase _db;
    private readonly SampleConfigFolder _config;
    private readonly WebApplication _app;

    private WebhookHost(TempDatabase db, SampleConfigFolder config, WebApplication app, FakeTimeProvider clock)
    {
        _db = db;
        _config = config;
        _app = app;
        Clock = clock;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public FakeTimeProvider Clock { get; }
    public HttpClient Http { get; }
    public System.Data.Common.DbDataSource Database => _db.Database;

    public static async Task<WebhookHost> StartAsync()
    {
        var db = await TempDatabase.CreateAsync(migrate: false);
        var config = new SampleConfigFolder();
        config.Write("feeds.yaml", "feeds: []\n");
        // half an hour after the sample warning was sent, well before it expires
        var clock = new FakeTimeProvider(SampleWarnings.Sent.AddMinutes(30));
        var app = WorkerHost.Build(
        [
            $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
            $"--AlertWorker:ConfigDirectory={config.Path}",
            $"--AlertWorker:PublicBaseUrl={PublicBaseUrl}",
            "--Urls=http://127.0.0.1:0",
            "--Twilio:AccountSid=AC0123456789abcdef0123456789abcdef",
            $"--Twilio:AuthToken={AuthToken}",
            "--Twilio:FromNumber=+15005550006",
            "--Dispatch:Enabled=false",
            "--Escalation:Enabled=false",
        ], builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        var host = new WebhookHost(db, config, app, clock);
        await host.SeedAsync();
        return host;
    }

    /// <summary>
    /// Two orange warnings stored as the worker stores them (the warning store, with the short codes
    /// drawn in a known order), and every delivery recorded as accepted by Twilio the way the
    /// dispatcher records it: see <see cref="WangFirst"/>, <see cref="English"/>, <see cref="WangSecond"/>.
    /// </summary>
    private async Task SeedAsync()
    {
        var ct = CancellationToken.None;
        var now = Clock.GetUtcNow();
        var codes = new Queue<string>(["A7K2", "C9N4", "B8M3"]);
        var warnings = new SqlWarningStore(_db.Database, AnswerRule.Of(_app.Services.GetRequiredService<LiveConfig>()),
            new ShortCodeGenerator(_ => codes.Dequeue()));
        var first = SampleWarnings.Notify(SampleWarnings.Warning("W1"),
            SampleWarnings.Notice("P-042"), SampleWarnings.Notice("P-010") with { Channels = [Channel.Sms] });
        var second = SampleWarnings.Notify(SampleWarnings.Warning("W2"), SampleWarnings.Notice("P-042") with { Channels = [Channel.Sms] });
        await warnings.SaveOutcomeAsync(first, SampleWarnings.Chain(first), "cma", now, ct);
        await warnings.SaveOutcomeAsync(second, SampleWarnings.Chain(second), "cma", now, ct);

        var deliveries = new SqlDeliveryStore(_db.Database);
        foreach (var delivery in await deliveries.ClaimDueAsync("seed", now, TimeSpan.FromMinutes(1), 100, ct))
        {
            var sid = (delivery.NotificationId, delivery.Channel) switch
            {
                (WangFirst, Channel.Sms) => SmsSid,
                (WangFirst, Channel.Voice) => CallSid,
                _ => $"SMseed{delivery.Id}",
            };
            await deliveries.RecordAcceptedAsync(delivery.Id, new SendOutcome.Accepted(TwilioApi.Provider, sid), now, ct);
        }
        Assert.Equal(["A7K2", "C9N4", "B8M3"], await QueryAsync<string>("SELECT short_code FROM notifications ORDER BY id"));
    }

    /// <summary>A third warning's SMS to 崔芳, claimed by an instance that sends it and dies before recording
    /// Twilio's accept: the delivery stays being sent until its lease runs out. Returns its id.</summary>
    public async Task<long> ClaimedNeverRecordedAsync()
    {
        var third = SampleWarnings.Notify(SampleWarnings.Warning("W3"), SampleWarnings.Notice("P-010") with { Channels = [Channel.Sms] });
        await new SqlWarningStore(_db.Database).SaveOutcomeAsync(third, SampleWarnings.Chain(third), "cma", Clock.GetUtcNow(), CancellationToken.None);
        var claimed = await new SqlDeliveryStore(_db.Database).ClaimDueAsync("killed", Clock.GetUtcNow(), TimeSpan.FromMinutes(2), 100, CancellationToken.None);
        return Assert.Single(claimed).Id;
    }

    /// <summary>The answered notifications, as stored.</summary>
    public Task<IReadOnlyList<StoredAnswer>> AnswersAsync() => StoredAnswer.ListAsync(_db.Database);

    /// <summary>Posts a form as Twilio would, signed over the public URL of <paramref name="pathAndQuery"/>.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string pathAndQuery, Dictionary<string, string> form) =>
        PostAsync(pathAndQuery, form, TwilioSigner.Sign(AuthToken, PublicBaseUrl + pathAndQuery, form));

    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, Dictionary<string, string> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
            request.Headers.Add("X-Twilio-Signature", signature);
        return await Http.SendAsync(request);
    }

    /// <summary>Every row of every table the webhooks could write, as text, to compare before and after.</summary>
    public Task<string> SnapshotAsync() => _db.SnapshotAsync(Tables);

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await _db.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"no value for {sql}");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await _db.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
        _config.Dispose();
    }
}
