using System.Text;
using AlertWorker.Acknowledgement;
using AlertWorker.Hosting;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Web.Webhooks;

/// <summary>
/// The real worker on Kestrel loopback with a temp SQLite database and a copy of the sample config
/// (no feeds, so nothing but the webhooks writes), Twilio credentials set, a fake clock, and the
/// notifications of <see cref="SeedAsync"/> waiting for answers in a <see cref="FakeAcknowledgementStore"/>.
/// Twilio reaches it at <see cref="PublicBaseUrl"/> through a proxy that strips <c>/aw</c>.
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

    private static readonly string[] Tables = ["inbound_messages", "deliveries", "notifications", "warnings"];

    private readonly TempDatabase _db;
    private readonly SampleConfigFolder _config;
    private readonly WebApplication _app;

    private WebhookHost(TempDatabase db, SampleConfigFolder config, WebApplication app, FakeTimeProvider clock, FakeAcknowledgementStore acknowledgements)
    {
        _db = db;
        _config = config;
        _app = app;
        Clock = clock;
        Acknowledgements = acknowledgements;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public FakeTimeProvider Clock { get; }
    public FakeAcknowledgementStore Acknowledgements { get; }
    public HttpClient Http { get; }

    public static async Task<WebhookHost> StartAsync()
    {
        var db = await TempDatabase.CreateAsync(migrate: false);
        var config = new SampleConfigFolder();
        config.Write("feeds.yaml", "feeds: []\n");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 14, 6, 0, 0, TimeSpan.Zero));
        var acknowledgements = new FakeAcknowledgementStore();
        var app = WorkerHost.Build(
        [
            $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
            $"--AlertWorker:ConfigDirectory={config.Path}",
            $"--AlertWorker:PublicBaseUrl={PublicBaseUrl}",
            "--Urls=http://127.0.0.1:0",
            "--Twilio:AccountSid=AC0123456789abcdef0123456789abcdef",
            $"--Twilio:AuthToken={AuthToken}",
            "--Twilio:FromNumber=+15005550006",
        ], builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<IAcknowledgementStore>(acknowledgements);
        });
        await app.StartAsync();
        var host = new WebhookHost(db, config, app, clock, acknowledgements);
        await host.SeedAsync();
        return host;
    }

    /// <summary>
    /// A red warning with three notifications waiting for answers: 1 (code A7K2) and 2 (code B8M3)
    /// to 杜军 (P-042, zh-CN), 3 (code C9N4) to 崔芳 (P-010, en in the sample directory). Notification 1 went out by SMS
    /// (<see cref="SmsSid"/>) and by a call (<see cref="CallSid"/>), both accepted by Twilio.
    /// The database holds the same rows a real acknowledgement store would read.
    /// </summary>
    private async Task SeedAsync()
    {
        const string at = "2026-06-14T05:30:00.0000000Z";
        await using var connection = await _db.Database.OpenConnectionAsync();
        await connection.ExecuteAsync(
            $"""
            INSERT INTO warnings (key, chain_key, sender, identifier, sent, status, msg_type, level, action, received_at, feed_id, document)
            VALUES ('qinglan|W1', 'qinglan|W1', 'qinglan', 'W1', '{at}', 'actual', 'alert', 'red', 'notify', '{at}', 'test', '{"{}"}');
            INSERT INTO notifications (id, warning_key, chain_key, person_id, kind, level, level_rank, channels, roles, hazard_points,
                                       exercise, fallback, state, created_at, short_code, answer_expected, first_accepted_at, sent_at)
            VALUES (1, 'qinglan|W1', 'qinglan|W1', 'P-042', 'warning', 'red', 4, '["sms","voice"]', '[]', '[]', 0, 0, 'sent', '{at}', 'A7K2', 1, '{at}', '{at}'),
                   (2, 'qinglan|W1', 'qinglan|W1', 'P-042', 'update', 'red', 4, '["sms"]', '[]', '[]', 0, 0, 'sent', '{at}', 'B8M3', 1, '{at}', '{at}'),
                   (3, 'qinglan|W1', 'qinglan|W1', 'P-010', 'warning', 'red', 4, '["sms"]', '[]', '[]', 0, 0, 'sent', '{at}', 'C9N4', 1, '{at}', '{at}');
            INSERT INTO deliveries (id, notification_id, channel, state, level_rank, created_at, next_attempt_at, attempts, provider, provider_id, accepted_at)
            VALUES (1, 1, 'sms', 'accepted', 4, '{at}', '{at}', 1, 'twilio', '{SmsSid}', '{at}'),
                   (2, 1, 'voice', 'accepted', 4, '{at}', '{at}', 1, 'twilio', '{CallSid}', '{at}');
            """);
        Acknowledgements.Add(WangPhone, new PendingNotification(1, "P-042", "qinglan|W1", "A7K2", "zh-CN"));
        Acknowledgements.Add(WangPhone, new PendingNotification(2, "P-042", "qinglan|W1", "B8M3", "zh-CN"));
        Acknowledgements.Add(EnglishPhone, new PendingNotification(3, "P-010", "qinglan|W1", "C9N4", "en"));
    }

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
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await _db.Database.OpenConnectionAsync();
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            text.Append("== ").AppendLine(table);
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table} ORDER BY rowid"))
                text.AppendLine(string.Join(" | ", row.Select(c => $"{c.Key}={c.Value}")));
        }
        return text.ToString();
    }

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
