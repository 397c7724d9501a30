using System.Threading.Channels;

namespace AlertWorker.Dispatch;

/// <summary>
/// Tells the dispatch loop of this process that deliveries were queued, so that a new warning is
/// sent at once instead of after the rest of <see cref="DispatchOptions.PollInterval"/>. A signal
/// given while a round runs is kept for the next wait; several collapse into one. Other instances
/// sharing the table still find the deliveries on their next poll.
/// </summary>
public sealed class DeliverySignal(TimeProvider time)
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _pending.Writer.TryWrite(true);

    /// <summary>Returns when signalled or after <paramref name="timeout"/> on the injected clock, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var poll = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, poll.Token);
        try
        {
            await _pending.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (poll.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // the poll interval ran out without a signal: time to look anyway
        }
    }
}
