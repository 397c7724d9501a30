using System.Xml.Linq;
using AlertWorker.Tests.Acknowledgement;

namespace AlertWorker.Tests.Web.Webhooks;

/// <summary>The webhooks on the real worker, signed as Twilio signs them.</summary>
public class TwilioWebhooksTests
{
    private const string SmsPath = "/webhooks/twilio/sms";
    private const string StatusPath = "/webhooks/twilio/status";

    [Fact]
    public async Task Sms_AnswerWithoutCode_AcknowledgesEveryPendingNotificationOfThatPhoneAndThanks()
    {
        await using var host = await WebhookHost.StartAsync();

        var response = await host.PostSignedAsync(SmsPath, InboundSms("SMa1", WebhookHost.WangPhone, " 收到 "));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("已确认收到，谢谢。", ReplyText(await response.Content.ReadAsStringAsync()));
        var now = host.Clock.GetUtcNow();
        Assert.Equal(
            [StoredAnswer.Answered(WebhookHost.WangFirst, now, "sms", "P-042"), StoredAnswer.Answered(WebhookHost.WangSecond, now, "sms", "P-042")],
            await host.AnswersAsync());
        var stored = Assert.Single(await host.QueryAsync<(string, string, string, string, long)>(
            "SELECT channel, from_address, body, outcome || ' ' || notification_ids, help_sent FROM inbound_messages"));
        Assert.Equal(("sms", WebhookHost.WangPhone, " 收到 ", $"acknowledged [{WebhookHost.WangFirst},{WebhookHost.WangSecond}]", 0L), stored);
    }

    [Theory]
    // the code as sent
    [InlineData("确认 A7K2", WebhookHost.WangFirst)]
    // lower case, full-width digits, no space
    [InlineData("ok b８m３", WebhookHost.WangSecond)]
    public async Task Sms_AnswerWithCode_AcknowledgesOnlyThatNotification(string body, long notificationId)
    {
        await using var host = await WebhookHost.StartAsync();

        var response = await host.PostSignedAsync(SmsPath, InboundSms("SMa2", WebhookHost.WangPhone, body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([StoredAnswer.Answered(notificationId, host.Clock.GetUtcNow(), "sms", "P-042")], await host.AnswersAsync());
        Assert.Equal("sent", (await StoredAnswer.OfAsync(host.Database, notificationId == WebhookHost.WangFirst ? WebhookHost.WangSecond : WebhookHost.WangFirst)).State);
    }

    [Fact]
    public async Task Sms_CodeOfSomeoneElsesNotification_AcknowledgesNothing()
    {
        await using var host = await WebhookHost.StartAsync();

        var response = await host.PostSignedAsync(SmsPath, InboundSms("SMa3", WebhookHost.WangPhone, "1 C9N4"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(await host.AnswersAsync());
        Assert.Equal("not-pending", await host.ScalarAsync<string>("SELECT outcome FROM inbound_messages"));
    }

    [Fact]
    public async Task Sms_FreeText_StoredAndHelpSentOncePerPhonePerWindow()
    {
        await using var host = await WebhookHost.StartAsync();

        var first = await host.PostSignedAsync(SmsPath, InboundSms("SMb1", WebhookHost.WangPhone, "不"));
        var second = await host.PostSignedAsync(SmsPath, InboundSms("SMb2", WebhookHost.WangPhone, "路被冲断了，过不去"));
        var otherPhone = await host.PostSignedAsync(SmsPath, InboundSms("SMb3", WebhookHost.OtherPhone, "谁？"));
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = await host.PostSignedAsync(SmsPath, InboundSms("SMb4", WebhookHost.WangPhone, "？？"));

        Assert.StartsWith("回复“收到”或“1”确认预警", ReplyText(await first.Content.ReadAsStringAsync()));
        Assert.Null(ReplyText(await second.Content.ReadAsStringAsync()));
        Assert.NotNull(ReplyText(await otherPhone.Content.ReadAsStringAsync()));
        Assert.NotNull(ReplyText(await later.Content.ReadAsStringAsync()));
        Assert.Empty(await host.AnswersAsync());
        Assert.Equal(
            [("不", "free-text", 1L), ("路被冲断了，过不去", "free-text", 0L), ("谁？", "free-text", 1L), ("？？", "free-text", 1L)],
            await host.QueryAsync<(string, string, long)>("SELECT body, outcome, help_sent FROM inbound_messages ORDER BY id"));
    }

    [Fact]
    public async Task Sms_EnglishSpeaker_AnsweredInEnglish()
    {
        await using var host = await WebhookHost.StartAsync();

        var thanks = await host.PostSignedAsync(SmsPath, InboundSms("SMc1", WebhookHost.EnglishPhone, "YES!"));
        var help = await host.PostSignedAsync(SmsPath, InboundSms("SMc2", WebhookHost.EnglishPhone, "what is this?"));

        Assert.Equal("Your confirmation was received. Thank you.", ReplyText(await thanks.Content.ReadAsStringAsync()));
        Assert.StartsWith("Reply 1 or OK", ReplyText(await help.Content.ReadAsStringAsync()));
        Assert.Equal([StoredAnswer.Answered(WebhookHost.English, host.Clock.GetUtcNow(), "sms", "P-010")], await host.AnswersAsync());
    }

    [Fact]
    public async Task Sms_SameMessageSidAgain_TakenOnce()
    {
        await using var host = await WebhookHost.StartAsync();
        var form = InboundSms("SMd1", WebhookHost.WangPhone, "乱码");

        await host.PostSignedAsync(SmsPath, form);
        var again = await host.PostSignedAsync(SmsPath, form);

        Assert.Equal(200, (int)again.StatusCode);
        Assert.Null(ReplyText(await again.Content.ReadAsStringAsync()));
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM inbound_messages"));
    }

    [Fact]
    public async Task Status_Delivered_FillsTheDeliveryAndTheNotificationOnce()
    {
        await using var host = await WebhookHost.StartAsync();
        var first = host.Clock.GetUtcNow();

        var response = await host.PostSignedAsync(StatusPath, MessageStatus("delivered"));
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await host.PostSignedAsync(StatusPath, CallStatus("completed"));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(
            [("sms", "delivered", Stored(first)), ("voice", "delivered", Stored(first.AddMinutes(3)))],
            await host.QueryAsync<(string, string, string)>(
                "SELECT channel, state, delivered_at FROM deliveries WHERE provider_id IN (@SmsSid, @CallSid) ORDER BY id",
                new { WebhookHost.SmsSid, WebhookHost.CallSid }));
        Assert.Equal(
            [(WebhookHost.WangFirst, Stored(first)), (WebhookHost.English, null), (WebhookHost.WangSecond, null)],
            await host.QueryAsync<(long, string?)>("SELECT id, delivered_at FROM notifications ORDER BY id"));
    }

    [Theory]
    // the carrier could not deliver: Twilio's error code is kept
    [InlineData("MessageStatus", "undelivered", "30003", "sms", "undelivered", "undelivered (Twilio error 30003)")]
    [InlineData("MessageStatus", "failed", "30008", "sms", "failed", "failed (Twilio error 30008)")]
    // nobody took the call: failed, the escalation calls again
    [InlineData("CallStatus", "no-answer", "", "voice", "failed", "no-answer")]
    [InlineData("CallStatus", "busy", "", "voice", "failed", "busy")]
    public async Task Status_NotDelivered_RecordsTheFailure(string field, string status, string errorCode, string channel, string state, string error)
    {
        await using var host = await WebhookHost.StartAsync();
        var form = field == "MessageStatus" ? MessageStatus(status) : CallStatus(status);
        if (errorCode.Length > 0) form["ErrorCode"] = errorCode;

        var response = await host.PostSignedAsync(StatusPath, form);

        Assert.Equal(204, (int)response.StatusCode);
        var (recordedState, recordedError, recordedCode) = Assert.Single(await host.QueryAsync<(string, string, string?)>(
            "SELECT state, error, error_code FROM deliveries WHERE provider_id = @Sid AND channel = @Channel",
            new { Sid = field == "MessageStatus" ? WebhookHost.SmsSid : WebhookHost.CallSid, Channel = channel }));
        Assert.Equal((state, error, errorCode.Length > 0 ? errorCode : null), (recordedState, recordedError, recordedCode));
        Assert.Equal(0L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE delivered_at IS NOT NULL"));
    }

    [Fact]
    public async Task Status_OnTheWay_ChangesNothing()
    {
        await using var host = await WebhookHost.StartAsync();
        var before = await host.SnapshotAsync();

        var sent = await host.PostSignedAsync(StatusPath, MessageStatus("sent"));
        var ringing = await host.PostSignedAsync(StatusPath, CallStatus("ringing"));

        Assert.Equal((204, 204), ((int)sent.StatusCode, (int)ringing.StatusCode));
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Theory]
    [InlineData("MessageSid", "MessageStatus", "sent", "accepted", false)]
    [InlineData("MessageSid", "MessageStatus", "delivered", "delivered", true)]
    [InlineData("CallSid", "CallStatus", "initiated", "accepted", false)]
    public async Task Status_NamingADeliveryItsInstanceNeverRecorded_RecordsTheAcceptAndItIsNotSentAgain(
        string sidField, string statusField, string status, string state, bool delivered)
    {
        await using var host = await WebhookHost.StartAsync();
        var deliveryId = await host.ClaimedNeverRecordedAsync();
        var at = host.Clock.GetUtcNow();

        var response = await host.PostSignedAsync($"{StatusPath}?d={deliveryId}", new() { [sidField] = "SMkilled", [statusField] = status });

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal([(state, "SMkilled")], await host.QueryAsync<(string, string)>(
            "SELECT state, provider_id FROM deliveries WHERE id = @Id", new { Id = deliveryId }));
        Assert.Equal([("sent", Stored(at), 1L)], await host.QueryAsync<(string, string, long)>(
            "SELECT n.state, n.first_accepted_at, n.attempts FROM notifications n JOIN deliveries d ON d.notification_id = n.id WHERE d.id = @Id",
            new { Id = deliveryId }));
        Assert.Equal(["accepted"], await host.QueryAsync<string>("SELECT outcome FROM delivery_attempts WHERE delivery_id = @Id", new { Id = deliveryId }));
        Assert.Equal(delivered ? 1L : 0L, await host.ScalarAsync<long>(
            "SELECT COUNT(*) FROM deliveries WHERE id = @Id AND delivered_at IS NOT NULL", new { Id = deliveryId }));
        // the dead instance's lease runs out: there is nothing to send again
        Assert.Empty(await new AlertWorker.Storage.SqlDeliveryStore(host.Database).ClaimDueAsync("survivor", at.AddMinutes(3), TimeSpan.FromMinutes(2), 100, CancellationToken.None));
    }

    [Fact]
    public async Task Status_NamingADeliveryAlreadyAcceptedUnderAnotherSid_LeavesItAsItIs()
    {
        await using var host = await WebhookHost.StartAsync();
        var deliveryId = await host.QueryAsync<long>("SELECT id FROM deliveries WHERE provider_id = @SmsSid", new { WebhookHost.SmsSid });
        var before = await host.SnapshotAsync();

        // the message a second instance sent again after the first one's lease ran out
        var response = await host.PostSignedAsync($"{StatusPath}?d={deliveryId[0]}", new() { ["MessageSid"] = "SMresent", ["MessageStatus"] = "sent" });

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task Status_DeliveryParameterNotANumber_400AndNothingRecorded()
    {
        await using var host = await WebhookHost.StartAsync();
        var before = await host.SnapshotAsync();

        var response = await host.PostSignedAsync($"{StatusPath}?d=seven", MessageStatus("delivered"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task Voice_KeyOne_AcknowledgesByVoiceAndThanksInThePersonsLanguage()
    {
        await using var host = await WebhookHost.StartAsync();

        var response = await host.PostSignedAsync("/webhooks/twilio/voice?n=1", KeyPress("1"));

        Assert.Equal(200, (int)response.StatusCode);
        var twiml = XElement.Parse(await response.Content.ReadAsStringAsync());
        var say = Assert.Single(twiml.Elements("Say"));
        Assert.Equal(("zh-CN", "已确认收到，谢谢。"), (say.Attribute("language")?.Value, say.Value));
        Assert.Equal([StoredAnswer.Answered(WebhookHost.WangFirst, host.Clock.GetUtcNow(), "voice", "P-042")], await host.AnswersAsync());
        Assert.Equal(("voice", "1", "acknowledged", "[1]"), Assert.Single(await host.QueryAsync<(string, string, string, string)>(
            "SELECT channel, body, outcome, notification_ids FROM inbound_messages")));
    }

    [Fact]
    public async Task Voice_OtherKey_AsksAgainWithoutAnswering()
    {
        await using var host = await WebhookHost.StartAsync();

        var response = await host.PostSignedAsync("/webhooks/twilio/voice?n=1", KeyPress("7"));

        Assert.Equal(200, (int)response.StatusCode);
        var gather = Assert.Single(XElement.Parse(await response.Content.ReadAsStringAsync()).Elements("Gather"));
        Assert.Equal("https://alerts.example.org/aw/webhooks/twilio/voice?n=1", gather.Attribute("action")?.Value);
        Assert.Equal("请按1确认收到。", gather.Element("Say")?.Value);
        Assert.Empty(await host.AnswersAsync());
        Assert.Equal("other-key", await host.ScalarAsync<string>("SELECT outcome FROM inbound_messages"));
    }

    internal static Dictionary<string, string> InboundSms(string sid, string from, string body) => new()
    {
        ["ToCountry"] = "US",
        ["SmsMessageSid"] = sid,
        ["NumMedia"] = "0",
        ["SmsSid"] = sid,
        ["SmsStatus"] = "received",
        ["Body"] = body,
        ["To"] = "+15005550006",
        ["NumSegments"] = "1",
        ["MessageSid"] = sid,
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["From"] = from,
        ["ApiVersion"] = "2010-04-01",
    };

    internal static Dictionary<string, string> MessageStatus(string status, string sid = WebhookHost.SmsSid, string to = WebhookHost.WangPhone) => new()
    {
        ["SmsSid"] = sid,
        ["SmsStatus"] = status,
        ["MessageStatus"] = status,
        ["To"] = to,
        ["MessageSid"] = sid,
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["From"] = "+15005550006",
        ["ApiVersion"] = "2010-04-01",
    };

    internal static Dictionary<string, string> CallStatus(string status) => new()
    {
        ["CallSid"] = WebhookHost.CallSid,
        ["CallStatus"] = status,
        ["Direction"] = "outbound-api",
        ["To"] = WebhookHost.WangPhone,
        ["From"] = "+15005550006",
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["ApiVersion"] = "2010-04-01",
    };

    internal static Dictionary<string, string> KeyPress(string digits, string callSid = WebhookHost.CallSid, string to = WebhookHost.WangPhone) => new()
    {
        ["CallSid"] = callSid,
        ["CallStatus"] = "in-progress",
        ["Digits"] = digits,
        ["Direction"] = "outbound-api",
        ["To"] = to,
        ["From"] = "+15005550006",
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["FinishedOnKey"] = "",
    };

    /// <summary>The text of the TwiML SMS reply, or null when Twilio is told to send nothing.</summary>
    private static string? ReplyText(string twiml)
    {
        var response = XElement.Parse(twiml);
        Assert.Equal("Response", response.Name.LocalName);
        return response.Element("Message")?.Value;
    }

    private static string Stored(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
}
