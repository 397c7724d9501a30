using AlertWorker.Domain.Policy;
using AlertWorker.Storage;

namespace AlertWorker.Dispatch.Channels;

/// <summary>
/// The channel of a provider without credentials (SPEC §8): the message is written to the
/// <c>outbox_messages</c> table and logged (person id, never the address), and counts as accepted,
/// so that the whole flow runs on a fresh machine. <c>/healthz</c> reports such a channel degraded.
/// </summary>
public sealed class OutboxChannelSender(Channel channel, IOutboxStore outbox, TimeProvider time, ILogger<OutboxChannelSender> logger) : IChannelSender
{
    public const string ProviderName = "outbox";

    public Channel Channel => channel;

    public string Provider => ProviderName;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var id = await outbox.WriteAsync(message, time.GetUtcNow(), ct);
        logger.LogInformation("Outbox {Channel} message {OutboxId} for {PersonId} (notification {NotificationId}): {Subject}",
            channel.ToName(), id, message.PersonId, message.NotificationId, message.Subject);
        return new SendOutcome.Accepted(ProviderName, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
