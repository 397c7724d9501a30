using AlertWorker.Configuration;
using AlertWorker.Domain.Policy;
using AlertWorker.Web.Webhooks;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace AlertWorker.Dispatch.Channels;

/// <summary>SMS through Twilio's Messages API; delivery reports come back to the status webhook.</summary>
public sealed class TwilioSmsSender(TwilioApi api, IOptions<AlertWorkerOptions> worker) : IChannelSender
{
    public Channel Channel => Channel.Sms;

    public string Provider => TwilioApi.Provider;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct) =>
        api.SendAsync(async client =>
        {
            var created = await MessageResource.CreateAsync(
                to: new PhoneNumber(message.To),
                from: new PhoneNumber(api.FromNumber),
                body: message.Text,
                statusCallback: new Uri(TwilioWebhooks.StatusCallbackUrl(worker.Value.PublicBaseUrl, message.DeliveryId)),
                client: client);
            return created.Sid;
        }, ct);
}
