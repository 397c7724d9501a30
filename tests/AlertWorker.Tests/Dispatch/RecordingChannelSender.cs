using AlertWorker.Dispatch;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Tests.Dispatch;

/// <summary>A provider stand-in: keeps every message it is given and answers as scripted (accepted by default).</summary>
internal sealed class RecordingChannelSender(Channel channel) : IChannelSender
{
    private readonly List<OutgoingMessage> _sent = [];
    private int _next;

    public Channel Channel => channel;

    public string Provider => "fake";

    /// <summary>The answer to a message; null: accepted with a fresh provider id.</summary>
    public Func<OutgoingMessage, SendOutcome?> Respond { get; set; } = _ => null;

    public IReadOnlyList<OutgoingMessage> Sent
    {
        get { lock (_sent) return _sent.ToList(); }
    }

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        int id;
        lock (_sent)
        {
            _sent.Add(message);
            id = ++_next;
        }
        return Task.FromResult(Respond(message) ?? new SendOutcome.Accepted(Provider, $"{channel.ToName()}-{id}"));
    }
}

/// <summary>No rate limit: the fake clock does not move the framework's limiter timers.</summary>
internal sealed class UnlimitedRateLimiter : ISendRateLimiter
{
    public ValueTask<IDisposable> AcquireAsync(Channel channel, CancellationToken ct) => ValueTask.FromResult<IDisposable>(new Lease());

    private sealed class Lease : IDisposable
    {
        public void Dispose() { }
    }
}
