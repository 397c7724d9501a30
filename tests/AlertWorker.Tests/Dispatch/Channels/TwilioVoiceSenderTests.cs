using System.Xml.Linq;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Tests.Dispatch.Channels;

public sealed class TwilioVoiceSenderTests : IDisposable
{
    private readonly TwilioStandIn _twilio = new();

    [Fact]
    public async Task SendAsync_Created_PostsTheCallAsTwilioReceivesItAndReturnsTheSid()
    {
        _twilio.Answer(TwilioStandIn.CallsPath, 201, TwilioStandIn.CreatedCall("CA5e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b"));
        var message = TwilioStandIn.Message(Channel.Voice);

        var outcome = await Sender().SendAsync(message, CancellationToken.None);

        Assert.Equal(new SendOutcome.Accepted("twilio", "CA5e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b"), outcome);
        var (path, credentials, form) = _twilio.SingleRequest();
        Assert.Equal(TwilioStandIn.CallsPath, path);
        Assert.Equal($"{TwilioStandIn.AccountSid}:{TwilioStandIn.AuthToken}", credentials);
        Assert.Equal(message.To, form["To"]);
        Assert.Equal(TwilioStandIn.FromNumber, form["From"]);
        Assert.Equal("https://alerts.example.org/webhooks/twilio/status?d=7", form["StatusCallback"]);
        Assert.Equal(["initiated", "completed"], form.GetValues("StatusCallbackEvent") ?? []);
        Assert.Null(form["Url"]);

        var twiml = XElement.Parse(form["Twiml"]!);
        var gather = Assert.Single(twiml.Elements("Gather"));
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.Equal("https://alerts.example.org/webhooks/twilio/voice?n=42", gather.Attribute("action")?.Value);
        Assert.Equal("POST", gather.Attribute("method")?.Value);
        Assert.Equal("10", gather.Attribute("timeout")?.Value);
        Assert.Equal([message.Text, "请按1确认收到。", message.Text, "请按1确认收到。"], gather.Elements("Say").Select(s => s.Value));
        Assert.All(twiml.Descendants("Say"), say => Assert.Equal("zh-CN", say.Attribute("language")?.Value));
        Assert.Single(twiml.Elements("Say"));
    }

    [Theory]
    // the directory's two languages and how Twilio names them
    [InlineData("zh-CN", "zh-CN", "请按1确认收到。")]
    [InlineData("en", "en-US", "Press 1 to confirm you received this warning.")]
    public async Task SendAsync_PersonsLanguage_ReadInThatLanguage(string language, string sayLanguage, string prompt)
    {
        _twilio.Answer(TwilioStandIn.CallsPath, 201, TwilioStandIn.CreatedCall("CA5e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b"));

        await Sender().SendAsync(TwilioStandIn.Message(Channel.Voice, "Red rainstorm warning", language), CancellationToken.None);

        var twiml = XElement.Parse(_twilio.SingleRequest().Form["Twiml"]!);
        Assert.All(twiml.Descendants("Say"), say => Assert.Equal(sayLanguage, say.Attribute("language")?.Value));
        Assert.Contains(twiml.Descendants("Say"), say => say.Value == prompt);
    }

    [Fact]
    public async Task SendAsync_TextWithMarkup_EscapedAndReadAsWritten()
    {
        _twilio.Answer(TwilioStandIn.CallsPath, 201, TwilioStandIn.CreatedCall("CA5e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b"));
        const string text = "Level <red> & \"evacuate\" </Say><Hangup/>";

        await Sender().SendAsync(TwilioStandIn.Message(Channel.Voice, text), CancellationToken.None);

        var twiml = XElement.Parse(_twilio.SingleRequest().Form["Twiml"]!);
        Assert.Empty(twiml.Descendants("Hangup"));
        Assert.Equal(2, twiml.Descendants("Say").Count(say => say.Value == text));
    }

    [Theory]
    // not a number a call can reach
    [InlineData(400, 13224)]
    // invalid To
    [InlineData(400, 21211)]
    public async Task SendAsync_ClientError_PermanentWithTwilioCode(int status, int code)
    {
        _twilio.Answer(TwilioStandIn.CallsPath, status, TwilioStandIn.Error(code, status, "refused by the stand-in"));

        var outcome = await Sender().SendAsync(TwilioStandIn.Message(Channel.Voice), CancellationToken.None);

        Assert.Equal(code.ToString(), Assert.IsType<SendOutcome.Permanent>(outcome).ProviderCode);
    }

    [Fact]
    public async Task SendAsync_Unavailable_Transient()
    {
        _twilio.Answer(TwilioStandIn.CallsPath, 503, TwilioStandIn.Error(20503, 503, "Service Unavailable"), ("Retry-After", "5"));

        var outcome = await Sender().SendAsync(TwilioStandIn.Message(Channel.Voice), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<SendOutcome.Transient>(outcome).RetryAfter);
    }

    private TwilioVoiceSender Sender() => new(_twilio.Api(), TwilioStandIn.Worker);

    public void Dispose() => _twilio.Dispose();
}
