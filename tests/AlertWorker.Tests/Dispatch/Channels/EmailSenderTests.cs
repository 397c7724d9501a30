using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AlertWorker.Tests.Dispatch.Channels;

/// <summary>The email channel against a real SMTP server on loopback.</summary>
public class EmailSenderTests
{
    private const string ZhText = "【青岚县气象台】暴雨红色预警：3小时内降雨量将达100毫米以上。请立即组织转移。\n\n隐患点：HP-0001 青岚村滑坡";
    private const string AnswerUrl = "https://alerts.example.org/a/CfDJ8-token_123";

    [Fact]
    public async Task SendAsync_AcceptingServer_DeliversZhTextWithLinkAndReportsMessageId()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(server.Port);

        var outcome = await sender.SendAsync(Message("p042@example.cn"), CancellationToken.None);

        var accepted = Assert.IsType<SendOutcome.Accepted>(outcome);
        Assert.Equal("smtp", accepted.Provider);
        var mail = Assert.Single(server.Messages);
        Assert.Equal(mail.MessageId, accepted.ProviderId);
        Assert.Equal("暴雨红色预警", mail.Subject);
        Assert.Equal("p042@example.cn", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("alerts@example.org", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Contains(ZhText, (mail.TextBody ?? "").ReplaceLineEndings("\n"));
        Assert.Contains(AnswerUrl, mail.TextBody);
        Assert.Contains("<p>【青岚县气象台】暴雨红色预警", mail.HtmlBody);
        Assert.Contains($"href=\"{AnswerUrl}\"", mail.HtmlBody);
        Assert.Contains("确认收到", mail.HtmlBody);
    }

    [Fact]
    public async Task SendAsync_TextWithMarkup_IsEscapedInTheHtml()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(server.Port);

        await sender.SendAsync(Message("p042@example.cn") with { Text = "<script>alert(1)</script> & more" }, CancellationToken.None);

        var mail = Assert.Single(server.Messages);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", mail.HtmlBody);
    }

    [Theory]
    // mailbox unknown: another try cannot help
    [InlineData(550, true)]
    // mailbox name not allowed
    [InlineData(553, true)]
    // mailbox busy or greylisted: try again later
    [InlineData(450, false)]
    // local error in processing
    [InlineData(451, false)]
    public async Task SendAsync_RecipientRefused_ClassifiedByReplyCode(int code, bool permanent)
    {
        await using var server = await TestSmtpServer.StartAsync();
        server.RcptReplies["gone@example.cn"] = code;
        var sender = Sender(server.Port);

        var outcome = await sender.SendAsync(Message("gone@example.cn"), CancellationToken.None);

        if (permanent)
            Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<SendOutcome.Permanent>(outcome).ProviderCode);
        else
            Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<SendOutcome.Transient>(outcome).Reason);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task SendAsync_ServerDown_Transient()
    {
        var sender = Sender(TestSmtpServer.FreePort());

        var outcome = await sender.SendAsync(Message("p042@example.cn"), CancellationToken.None);

        Assert.IsType<SendOutcome.Transient>(outcome);
    }

    [Fact]
    public async Task SendAsync_AddressNotAnEmail_PermanentWithoutConnecting()
    {
        var sender = Sender(TestSmtpServer.FreePort());

        var outcome = await sender.SendAsync(Message("not an address"), CancellationToken.None);

        Assert.IsType<SendOutcome.Permanent>(outcome);
    }

    [Fact]
    public async Task SendAsync_Cancelled_Throws()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(server.Port);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Message("p042@example.cn"), cancelled.Token));
    }

    [Theory]
    // a plain address
    [InlineData("alerts@example.org", null, null, true)]
    // a display name with the address
    [InlineData("青岚县预警 <alerts@example.org>", null, null, true)]
    // not an address
    [InlineData("alerts", null, null, false)]
    // a user name without its password
    [InlineData("alerts@example.org", "alerts", null, false)]
    // both
    [InlineData("alerts@example.org", "alerts", "secret", true)]
    public void Validate_FromAndCredentials(string from, string? username, string? password, bool valid)
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.org", From = from, Username = username, Password = password });

        Assert.Equal(valid, result.Succeeded);
    }

    private static EmailSender Sender(int port) => new(
        Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            From = "青岚县预警 <alerts@example.org>",
            Security = SmtpSecurity.None,
            Timeout = TimeSpan.FromSeconds(10),
        }),
        NullLogger<EmailSender>.Instance);

    private static OutgoingMessage Message(string to) => new()
    {
        DeliveryId = 7,
        NotificationId = 42,
        PersonId = "P-042",
        Channel = Channel.Email,
        To = to,
        Language = "zh-CN",
        Subject = "暴雨红色预警",
        Text = ZhText,
        ShortCode = "K7Q",
        AnswerUrl = AnswerUrl,
    };
}
