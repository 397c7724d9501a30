namespace AlertWorker.Storage;

/// <summary>What became of a message that came in.</summary>
public enum InboundOutcome
{
    /// <summary>It answered one or more notifications.</summary>
    Acknowledged,
    /// <summary>An answer, but nothing it could name was waiting (answered before, or nothing sent).</summary>
    NotPending,
    /// <summary>An answer with a short code no notification has.</summary>
    UnknownCode,
    /// <summary>Not an answer: kept for the duty officer to read.</summary>
    FreeText,
    /// <summary>A key other than 1 during a call.</summary>
    OtherKey,
}

/// <param name="Channel"><c>sms</c> or <c>voice</c>.</param>
/// <param name="From">The person's number (for a call: the number called).</param>
/// <param name="ProviderId">The provider's id of the message (Twilio MessageSid); null for key presses.</param>
/// <param name="HelpSent">Whether the help text was sent back.</param>
public sealed record InboundMessage(
    DateTimeOffset ReceivedAt,
    string Channel,
    string From,
    string Body,
    string? ProviderId,
    InboundOutcome Outcome,
    IReadOnlyList<long> NotificationIds,
    bool HelpSent);

/// <summary>Every SMS and key press that came in (table <c>inbound_messages</c>).</summary>
public interface IInboundMessageStore
{
    /// <summary>Stores the message; false (and nothing stored) when one with its provider id is there already.</summary>
    Task<bool> AddAsync(InboundMessage message, CancellationToken ct);

    /// <summary>Whether a message with this provider id was stored (Twilio sends a webhook again when it got no answer).</summary>
    Task<bool> ContainsAsync(string providerId, CancellationToken ct);

    /// <summary>Whether the help text went to this number at or after <paramref name="since"/>.</summary>
    Task<bool> HelpSentSinceAsync(string from, DateTimeOffset since, CancellationToken ct);

    /// <summary>The messages from one number, oldest first.</summary>
    Task<IReadOnlyList<InboundMessage>> ListFromAsync(string from, CancellationToken ct);
}
