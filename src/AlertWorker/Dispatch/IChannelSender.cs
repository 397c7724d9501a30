using AlertWorker.Domain.Policy;

namespace AlertWorker.Dispatch;

/// <summary>
/// One message ready to go out over one channel: the rendered text in the person's language and
/// everything a provider request needs. Built by the dispatcher from the notification, the
/// directory and the templates.
/// </summary>
public sealed record OutgoingMessage
{
    public required long DeliveryId { get; init; }
    public required long NotificationId { get; init; }
    public required string PersonId { get; init; }
    public required Channel Channel { get; init; }
    /// <summary>E.164 phone for sms/voice, address for email.</summary>
    public required string To { get; init; }
    /// <summary><c>zh-CN</c> or <c>en</c>.</summary>
    public required string Language { get; init; }
    /// <summary>Email subject; for sms and voice a short title the outbox and logs can show.</summary>
    public required string Subject { get; init; }
    /// <summary>The text to send (sms: within the configured segment limit, short code included;
    /// voice: the words to read; email: the plain-text body).</summary>
    public required string Text { get; init; }
    /// <summary>Code the person may add to an SMS answer to name this notification.</summary>
    public required string ShortCode { get; init; }
    /// <summary>Signed link to the answer page (email), or null where the channel answers otherwise.</summary>
    public string? AnswerUrl { get; init; }
    public bool Exercise { get; init; }
}

/// <summary>How a provider took a request. Failures are classified (STYLE.md): transient ones are
/// tried again with backoff, permanent ones fall back to the person's other channels and are
/// flagged for admins.</summary>
public abstract record SendOutcome
{
    private SendOutcome() { }

    /// <summary>The provider confirmed the request; <c>ProviderId</c> is its id (Twilio SID, SMTP queue id, outbox row).</summary>
    public sealed record Accepted(string Provider, string ProviderId) : SendOutcome;

    /// <summary>Timeout, 5xx, 429: worth another try, not before <c>RetryAfter</c> when the provider said so.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter) : SendOutcome;

    /// <summary>Invalid number, opted out, mailbox unknown: another try cannot help.</summary>
    public sealed record Permanent(string Reason, string? ProviderCode) : SendOutcome;
}

/// <summary>Sends over one channel through one provider. Never throws for a provider's answer:
/// every answer is a <see cref="SendOutcome"/>; only cancellation propagates.</summary>
public interface IChannelSender
{
    Channel Channel { get; }

    /// <summary>The provider's name as stored with each delivery (<c>twilio</c>, <c>smtp</c>, <c>outbox</c>).</summary>
    string Provider { get; }

    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}
