using AlertWorker.Configuration;
using AlertWorker.Domain.Policy;
using AlertWorker.Web.Webhooks;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace AlertWorker.Dispatch.Channels;

/// <summary>
/// A call through Twilio's Calls API with the TwiML inline: the warning is read twice in the
/// person's language inside a <c>&lt;Gather&gt;</c> that asks for 1; the key press goes to the voice
/// webhook with the notification id, call progress to the status webhook.
/// </summary>
public sealed class TwilioVoiceSender(TwilioApi api, IOptions<AlertWorkerOptions> worker) : IChannelSender
{
    public Channel Channel => Channel.Voice;

    public string Provider => TwilioApi.Provider;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var twiml = CallTwiml(message, worker.Value.PublicBaseUrl);
        return api.SendAsync(async client =>
        {
            var created = await CallResource.CreateAsync(
                to: new PhoneNumber(message.To),
                from: new PhoneNumber(api.FromNumber),
                twiml: new Twiml(twiml),
                statusCallback: new Uri(TwilioWebhooks.StatusCallbackUrl(worker.Value.PublicBaseUrl, message.DeliveryId)),
                // initiated at once, so that the call counts as placed even if this instance dies before recording it
                statusCallbackEvent: ["initiated", "completed"],
                client: client);
            return created.Sid;
        }, ct);
    }

    /// <summary>The call's TwiML: text, prompt, text again, prompt, then a goodbye if no key came.</summary>
    internal static string CallTwiml(OutgoingMessage message, string publicBaseUrl)
    {
        var language = TwilioReplies.For(message.Language);
        var action = TwilioWebhooks.VoiceActionUrl(publicBaseUrl, message.NotificationId);
        return TwimlWriter.Voice(
            new TwimlWriter.Gather(action, [message.Text, language.PressOne, message.Text, language.PressOne], language.SayLanguage),
            language.NoKeyPressed,
            language.SayLanguage);
    }
}
