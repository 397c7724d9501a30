using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Acknowledgement;
using AlertWorker.Storage;
using Microsoft.Extensions.Options;

namespace AlertWorker.Web.Webhooks;

/// <summary>
/// Answers (叫应, SPEC §7) that come through Twilio: SMS replies and the key pressed during a call.
/// Each is stored in <c>inbound_messages</c>, acknowledges what it names, and gets the TwiML reply
/// in the person's language.
/// </summary>
public sealed class TwilioAnswerIntake(
    IAcknowledgementStore acknowledgements,
    IInboundMessageStore inbound,
    LiveConfig config,
    IOptions<AlertWorkerOptions> worker,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger<TwilioAnswerIntake> logger)
{
    public const string AcknowledgeKey = "1";

    /// <summary>An SMS reply: an acknowledgement with a short code answers that notification when it
    /// is one of this number's; without a code it answers all of this number's pending ones.
    /// Anything else is kept as free text and gets the help text, once per number per
    /// <see cref="TwilioOptions.HelpReplyInterval"/>. A message Twilio sends again is answered with nothing.</summary>
    public async Task<string> SmsAsync(string from, string body, string messageSid, CancellationToken ct)
    {
        if (await inbound.ContainsAsync(messageSid, ct))
            return TwimlWriter.Message(null);

        var now = clock.GetUtcNow();
        var pending = await acknowledgements.PendingForPhoneAsync(from, ct);
        var replies = TwilioReplies.For(pending.FirstOrDefault()?.Language ?? LanguageOf(from));
        var (outcome, answered) = AnswerParser.Parse(body) switch
        {
            Answer.Acknowledge { ShortCode: null } => await AcknowledgeAsync(pending, AnswerMethod.Sms, now, ct),
            Answer.Acknowledge { ShortCode: { } code } => await AcknowledgeCodeAsync(pending, code, now, ct),
            _ => (InboundOutcome.FreeText, []),
        };
        var helpSent = outcome is InboundOutcome.FreeText or InboundOutcome.UnknownCode
            && !await inbound.HelpSentSinceAsync(from, now - options.Value.HelpReplyInterval, ct);
        await inbound.AddAsync(new InboundMessage(now, "sms", from, body, messageSid, outcome, answered, helpSent), ct);

        logger.LogInformation("SMS {MessageSid} taken as {Outcome}, answering notifications {NotificationIds}", messageSid, outcome, answered);
        return TwimlWriter.Message(outcome switch
        {
            InboundOutcome.Acknowledged => replies.SmsThanks,
            _ when helpSent => replies.SmsHelp,
            _ => null,
        });
    }

    /// <summary>The key pressed during the call about <paramref name="notificationId"/> to <paramref name="to"/>:
    /// 1 acknowledges it (if it is still waiting for this number) and thanks; any other key asks again.</summary>
    public async Task<string> KeyPressAsync(long notificationId, string to, string digits, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = (await acknowledgements.PendingForPhoneAsync(to, ct)).Where(p => p.NotificationId == notificationId).ToList();
        var replies = TwilioReplies.For(pending.FirstOrDefault()?.Language ?? LanguageOf(to));
        var (outcome, answered) = digits == AcknowledgeKey
            ? await AcknowledgeAsync(pending, AnswerMethod.Voice, now, ct)
            : (InboundOutcome.OtherKey, []);
        await inbound.AddAsync(new InboundMessage(now, "voice", to, digits, null, outcome, answered, HelpSent: false), ct);

        logger.LogInformation("Key {Digits} for notification {NotificationId} taken as {Outcome}", digits, notificationId, outcome);
        if (digits == AcknowledgeKey)
            return TwimlWriter.Voice(replies.VoiceThanks, replies.SayLanguage);
        var action = TwilioWebhooks.VoiceActionUrl(worker.Value.PublicBaseUrl, notificationId);
        return TwimlWriter.Voice(new TwimlWriter.Gather(action, [replies.PressOne], replies.SayLanguage), replies.NoKeyPressed, replies.SayLanguage);
    }

    private async Task<(InboundOutcome, IReadOnlyList<long>)> AcknowledgeCodeAsync(
        IReadOnlyList<PendingNotification> pending, string code, DateTimeOffset now, CancellationToken ct)
    {
        var named = pending.Where(p => string.Equals(p.ShortCode, code, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count > 0)
            return await AcknowledgeAsync(named, AnswerMethod.Sms, now, ct);
        // not one of this number's waiting notifications: answered before, or someone else's, or a typo
        return await acknowledgements.FindByShortCodeAsync(code, ct) is null
            ? (InboundOutcome.UnknownCode, [])
            : (InboundOutcome.NotPending, []);
    }

    private async Task<(InboundOutcome, IReadOnlyList<long>)> AcknowledgeAsync(
        IReadOnlyList<PendingNotification> pending, AnswerMethod method, DateTimeOffset now, CancellationToken ct)
    {
        var answered = new List<long>();
        foreach (var notification in pending)
        {
            var result = await acknowledgements.AcknowledgeAsync(notification.NotificationId, method, notification.PersonId, null, now, ct);
            if (result == AcknowledgeResult.Acknowledged)
                answered.Add(notification.NotificationId);
        }
        return (answered.Count > 0 ? InboundOutcome.Acknowledged : InboundOutcome.NotPending, answered);
    }

    /// <summary>The language of the person with this number in the directory the worker runs on.</summary>
    private string? LanguageOf(string phone) =>
        config.Current?.Config.Directory.People.FirstOrDefault(p => p.Phone == phone)?.Language;
}
