using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>
/// Runs dispatch rounds for as long as the worker runs: at once again after a full batch, else when
/// deliveries are queued in this process (<see cref="DeliverySignal"/>) or after
/// <see cref="DispatchOptions.PollInterval"/> on the injected clock. Says loudly at start which
/// channels only write to the outbox. Does nothing with <see cref="DispatchOptions.Enabled"/> false.
/// </summary>
public sealed class DispatchLoop(
    DeliveryDispatcher dispatcher, ChannelSenders senders, DeliverySignal queued, IOptions<DispatchOptions> options, ILogger<DispatchLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var channel in senders.OnOutbox)
        {
            logger.LogWarning("Channel {Channel} has no provider credentials: its messages go to the outbox only, nothing is really sent",
                channel.ToName());
        }
        if (!options.Value.Enabled)
        {
            logger.LogWarning("Dispatch:Enabled is false: this instance sends nothing");
            return;
        }
        logger.LogInformation("Dispatcher {InstanceId} started", dispatcher.InstanceId);

        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await dispatcher.RunRoundAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // a round that throws (database busy past its timeout, a sender bug) leaves its leases to
                // run out; the next round claims them again
                logger.LogError(ex, "Dispatch round failed");
                claimed = 0;
            }
            if (claimed < options.Value.BatchSize)
                await queued.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }
}
