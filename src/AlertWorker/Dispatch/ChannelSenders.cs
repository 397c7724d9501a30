using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using AlertWorker.Storage;

namespace AlertWorker.Dispatch;

/// <summary>
/// The sender of each channel: the <see cref="IChannelSender"/> registered for it (a provider
/// registration adds one only when its credentials are configured, e.g.
/// <c>services.AddSingleton&lt;IChannelSender, TwilioSmsSender&gt;()</c>; the last one registered
/// wins), else the outbox. Also tells <c>/healthz</c> and the board which channels are on the outbox.
/// </summary>
public sealed class ChannelSenders
{
    private readonly Dictionary<Channel, IChannelSender> _senders;

    public ChannelSenders(IEnumerable<IChannelSender> registered, IOutboxStore outbox, TimeProvider time, ILogger<OutboxChannelSender> outboxLogger)
    {
        var list = registered.ToList();
        _senders = Enum.GetValues<Channel>().ToDictionary(
            c => c,
            c => list.LastOrDefault(s => s.Channel == c) ?? new OutboxChannelSender(c, outbox, time, outboxLogger));
    }

    public IChannelSender For(Channel channel) => _senders[channel];

    /// <summary>Channels that write to the outbox instead of sending, in channel order.</summary>
    public IReadOnlyList<Channel> OnOutbox =>
        _senders.Where(s => s.Value is OutboxChannelSender).Select(s => s.Key).Order().ToList();

    /// <summary>Each channel and the provider it goes through.</summary>
    public IReadOnlyList<(Channel Channel, string Provider)> Providers =>
        _senders.OrderBy(s => s.Key).Select(s => (s.Key, s.Value.Provider)).ToList();
}
