using System.Net;
using System.Net.Sockets;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Dispatch.Channels;

public sealed class TwilioSmsSenderTests : IDisposable
{
    private readonly TwilioStandIn _twilio = new();

    [Fact]
    public async Task SendAsync_Created_PostsTheMessageAsTwilioReceivesItAndReturnsTheSid()
    {
        _twilio.Answer(TwilioStandIn.MessagesPath, 201, TwilioStandIn.CreatedMessage("SM9f3c0b5e2d6a4b1c8e7f6a5b4c3d2e1f"));
        var message = TwilioStandIn.Message(Channel.Sms);

        var outcome = await Sender().SendAsync(message, CancellationToken.None);

        Assert.Equal(new SendOutcome.Accepted("twilio", "SM9f3c0b5e2d6a4b1c8e7f6a5b4c3d2e1f"), outcome);
        var (path, credentials, form) = _twilio.SingleRequest();
        Assert.Equal(TwilioStandIn.MessagesPath, path);
        Assert.Equal($"{TwilioStandIn.AccountSid}:{TwilioStandIn.AuthToken}", credentials);
        Assert.Equal(message.To, form["To"]);
        Assert.Equal(TwilioStandIn.FromNumber, form["From"]);
        Assert.Equal(message.Text, form["Body"]);
        Assert.Equal("https://alerts.example.org/webhooks/twilio/status?d=7", form["StatusCallback"]);
    }

    [Theory]
    // invalid To number
    [InlineData(400, 21211, "21211")]
    // the person replied STOP
    [InlineData(400, 21610, "21610")]
    // not a mobile number
    [InlineData(400, 21614, "21614")]
    // Twilio cannot route there
    [InlineData(400, 21612, "21612")]
    // an error code Twilio may add later: still permanent, with its code
    [InlineData(400, 21999, "21999")]
    // wrong credentials are not worth a retry either
    [InlineData(401, 20003, "20003")]
    public async Task SendAsync_ClientError_PermanentWithTwilioCode(int status, int code, string expectedCode)
    {
        _twilio.Answer(TwilioStandIn.MessagesPath, status, TwilioStandIn.Error(code, status, "refused by the stand-in"));

        var outcome = await Sender().SendAsync(TwilioStandIn.Message(Channel.Sms), CancellationToken.None);

        var permanent = Assert.IsType<SendOutcome.Permanent>(outcome);
        Assert.Equal(expectedCode, permanent.ProviderCode);
        Assert.Contains(code.ToString(), permanent.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // Twilio's own JSON error for an outage
    [InlineData(503, """{"code":20503,"message":"Service Unavailable","more_info":"https://www.twilio.com/docs/errors/20503","status":503}""")]
    // a proxy's HTML page: the library sees no JSON and reports status 0; the handler's status decides
    [InlineData(502, "<html><body>Bad Gateway</body></html>")]
    // an empty 500
    [InlineData(500, "")]
    public async Task SendAsync_ServerError_Transient(int status, string body)
    {
        _twilio.Answer(TwilioStandIn.MessagesPath, status, body);

        var outcome = await Sender().SendAsync(TwilioStandIn.Message(Channel.Sms), CancellationToken.None);

        var transient = Assert.IsType<SendOutcome.Transient>(outcome);
        Assert.Contains(status.ToString(), transient.Reason, StringComparison.Ordinal);
        Assert.Null(transient.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfterSeconds_TransientWithThatDelay()
    {
        _twilio.Answer(TwilioStandIn.MessagesPath, 429, TwilioStandIn.Error(20429, 429, "Too Many Requests"), ("Retry-After", "17"));

        var outcome = await Sender().SendAsync(TwilioStandIn.Message(Channel.Sms), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(17), Assert.IsType<SendOutcome.Transient>(outcome).RetryAfter);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfterDate_TransientUntilThatDate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 14, 5, 30, 0, TimeSpan.Zero));
        _twilio.Answer(TwilioStandIn.MessagesPath, 429, TwilioStandIn.Error(20429, 429, "Too Many Requests"),
            ("Retry-After", "Sun, 14 Jun 2026 05:32:30 GMT"));

        var outcome = await Sender(clock).SendAsync(TwilioStandIn.Message(Channel.Sms), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(150), Assert.IsType<SendOutcome.Transient>(outcome).RetryAfter);
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheTimeout_Transient()
    {
        using var silent = SilentServer(out var url);
        var sender = new TwilioSmsSender(_twilio.Api(requestTimeout: TimeSpan.FromMilliseconds(300), apiBaseUrl: url), TwilioStandIn.Worker);

        var outcome = await sender.SendAsync(TwilioStandIn.Message(Channel.Sms), CancellationToken.None);

        Assert.Contains("no answer from Twilio within 0.3s", Assert.IsType<SendOutcome.Transient>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NobodyListening_Transient()
    {
        string url;
        using (SilentServer(out url)) { }
        var sender = new TwilioSmsSender(_twilio.Api(apiBaseUrl: url), TwilioStandIn.Worker);

        var outcome = await sender.SendAsync(TwilioStandIn.Message(Channel.Sms), CancellationToken.None);

        Assert.StartsWith("connection to Twilio failed", Assert.IsType<SendOutcome.Transient>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaiting_Throws()
    {
        using var silent = SilentServer(out var url);
        var sender = new TwilioSmsSender(_twilio.Api(apiBaseUrl: url), TwilioStandIn.Worker);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(TwilioStandIn.Message(Channel.Sms), cancel.Token));
    }

    /// <summary>A loopback port that takes connections (the kernel queues them) and never answers;
    /// once disposed, nobody listens there.</summary>
    private static TcpListener SilentServer(out string url)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        return listener;
    }

    private TwilioSmsSender Sender(TimeProvider? clock = null) => new(_twilio.Api(clock), TwilioStandIn.Worker);

    public void Dispose() => _twilio.Dispose();
}
