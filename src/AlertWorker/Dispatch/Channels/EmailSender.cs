using System.Net;
using System.Net.Sockets;
using System.Text;
using AlertWorker.Domain.Policy;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace AlertWorker.Dispatch.Channels;

/// <summary>
/// Email over SMTP with MailKit (SPEC §8): the plain text in the person's language with an HTML
/// alternative that carries a button to the answer link. One connection per message. A 5xx
/// answer (mailbox unknown, 550/553) is permanent; 4xx, connection errors and timeouts are transient.
/// The rate limit (<c>Smtp:MessagesPerSecond</c>) is the dispatcher's, as for every channel.
/// </summary>
public sealed class EmailSender : IChannelSender
{
    public const string ProviderName = "smtp";

    private readonly SmtpOptions _options;
    private readonly MailboxAddress _from;
    private readonly ILogger<EmailSender> _logger;

    public EmailSender(IOptions<SmtpOptions> options, ILogger<EmailSender> logger)
    {
        _options = options.Value;
        _from = MailboxAddress.Parse(_options.From);
        _logger = logger;
    }

    public Channel Channel => Channel.Email;

    public string Provider => ProviderName;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!MailboxAddress.TryParse(message.To, out var to) || string.IsNullOrEmpty(to.Domain))
            return new SendOutcome.Permanent($"'{message.To}' is not an email address", null);
        var mime = BuildMessage(message, _from, to);

        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, SocketOptions(_options.Security), ct);
            if (!string.IsNullOrEmpty(_options.Username))
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", ct);
            await client.SendAsync(mime, ct);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            _logger.LogWarning(ex, "Email of notification {NotificationId} to {PersonId} refused for good: {ErrorCode} {StatusCode}",
                message.NotificationId, message.PersonId, ex.ErrorCode, (int)ex.StatusCode);
            return new SendOutcome.Permanent($"{(int)ex.StatusCode} {ex.Message}", ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (SmtpCommandException ex)
        {
            return new SendOutcome.Transient($"{(int)ex.StatusCode} {ex.Message}", null);
        }
        catch (AuthenticationException ex)
        {
            _logger.LogError(ex, "SMTP login to {SmtpHost} as {SmtpUser} failed: check Smtp:Username and Smtp:Password", _options.Host, _options.Username);
            return new SendOutcome.Transient($"SMTP login failed: {ex.Message}", null);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SslHandshakeException or TimeoutException or NotSupportedException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new SendOutcome.Transient($"{ex.GetType().Name}: {ex.Message}", null);
        }
        await QuitAsync(client, message.NotificationId);
        return new SendOutcome.Accepted(ProviderName, mime.MessageId ?? "");
    }

    /// <summary>The message has been accepted: a failing QUIT must not turn it into a failure (and a resend).</summary>
    private async Task QuitAsync(SmtpClient client, long notificationId)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or TimeoutException)
        {
            _logger.LogDebug(ex, "QUIT after the email of notification {NotificationId} failed; the message was accepted", notificationId);
        }
    }

    internal static MimeMessage BuildMessage(OutgoingMessage message, MailboxAddress from, MailboxAddress to)
    {
        var english = message.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var confirm = english ? "Confirm receipt" : "确认收到";
        var text = message.AnswerUrl is { } url && !message.Text.Contains(url, StringComparison.Ordinal)
            ? $"{message.Text}\n\n{confirm}: {url}\n"
            : message.Text;
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = new BodyBuilder { TextBody = text, HtmlBody = Html(message, confirm) }.ToMessageBody(),
        };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    private static string Html(OutgoingMessage message, string confirm)
    {
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{WebUtility.HtmlEncode(message.Language)}\"><head><meta charset=\"utf-8\"></head><body>");
        foreach (var paragraph in message.Text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>")).Append("</p>");
        if (message.AnswerUrl is { } url)
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url))
                .Append("\" style=\"display:inline-block;padding:12px 24px;background:#c62828;color:#fff;text-decoration:none;border-radius:4px;font-size:18px\">")
                .Append(WebUtility.HtmlEncode(confirm)).Append("</a></p>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
