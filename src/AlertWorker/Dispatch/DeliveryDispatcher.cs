using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Storage;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>
/// One dispatch round (SPEC §8): claims the due deliveries under a lease, in sending order, and for
/// each one checks it is still wanted, renders it, waits for the provider's rate limit, sends it
/// and records what came of it. Accepted: never sent again. Transient: queued again after a backoff
/// (or the provider's Retry-After), failed after the last attempt. Permanent: failed, the person's
/// other channels queued instead and the notification flagged for admins.
/// A crash between the claim and the record leaves the lease to run out and the delivery is sent
/// again: that is the in-flight window where a message can go twice.
/// </summary>
public sealed class DeliveryDispatcher(
    IDeliveryStore store,
    ChannelSenders senders,
    MessageComposer composer,
    ISendRateLimiter limiter,
    LiveConfig live,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger)
{
    private readonly string _instanceId = string.IsNullOrWhiteSpace(options.Value.InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24]
        : options.Value.InstanceId;

    /// <summary>The lease owner this instance claims under.</summary>
    public string InstanceId => _instanceId;

    /// <summary>Claims one batch and works it; returns how many deliveries were claimed.</summary>
    public async Task<int> RunRoundAsync(CancellationToken ct)
    {
        if (live.Current is not { } config) return 0;
        var o = options.Value;
        var batch = await store.ClaimDueAsync(_instanceId, time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        if (batch.Count == 0) return 0;

        var directory = config.Config.Directory;
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct },
            async (delivery, token) => await SendAsync(delivery, directory, token));
        return batch.Count;
    }

    private async Task SendAsync(ClaimedDelivery delivery, DirectorySnapshot directory, CancellationToken ct)
    {
        if (SendCheck.Skip(delivery.SendContext, time.GetUtcNow()) is { } skip)
        {
            await store.CancelAsync(delivery.Id, skip, ct);
            logger.LogInformation("Delivery {DeliveryId} of notification {NotificationId} not sent: {SkipReason}",
                delivery.Id, delivery.NotificationId, skip);
            return;
        }

        if (!directory.PeopleById.TryGetValue(delivery.PersonId, out var person))
        {
            await FailAsync(delivery, "permanent", $"person {delivery.PersonId} is not in the directory", null, null, ct);
            return;
        }
        var address = delivery.Channel == Channel.Email ? person.Email : person.Phone;
        if (string.IsNullOrEmpty(address))
        {
            await FailAsync(delivery, "permanent", $"person {person.Id} has no address for {delivery.Channel.ToName()}", null, person, ct);
            return;
        }

        OutgoingMessage message;
        try
        {
            message = composer.Compose(delivery, person, address, directory);
        }
        catch (FileNotFoundException ex)
        {
            await FailAsync(delivery, "permanent", ex.Message, null, person, ct);
            return;
        }

        var sender = senders.For(delivery.Channel);
        SendOutcome outcome;
        using (await limiter.AcquireAsync(delivery.Channel, ct))
        {
            outcome = await sender.SendAsync(message, ct);
        }
        await RecordAsync(delivery, person, outcome, ct);
    }

    private async Task RecordAsync(ClaimedDelivery delivery, Person person, SendOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                await store.RecordAcceptedAsync(delivery.Id, accepted, now, ct);
                break;
            case SendOutcome.Transient transient when delivery.Attempts < options.Value.MaxAttempts:
                var delay = RetryDelay.After(delivery.Attempts, options.Value.BackoffBase, options.Value.BackoffMax, Random.Shared.NextDouble(), transient.RetryAfter);
                await store.RecordRetryAsync(delivery.Id, transient.Reason, now + delay, now, ct);
                logger.LogWarning("Delivery {DeliveryId} over {Channel} failed on attempt {Attempt} ({Reason}); next try in {Delay}",
                    delivery.Id, delivery.Channel.ToName(), delivery.Attempts, transient.Reason, delay);
                break;
            case SendOutcome.Transient transient:
                await store.RecordFailedAsync(delivery.Id, "transient", $"gave up after {delivery.Attempts} attempts: {transient.Reason}", null, [], null, now, ct);
                logger.LogError("Delivery {DeliveryId} over {Channel} to {PersonId} failed after {Attempt} attempts: {Reason}",
                    delivery.Id, delivery.Channel.ToName(), delivery.PersonId, delivery.Attempts, transient.Reason);
                break;
            case SendOutcome.Permanent permanent:
                await FailAsync(delivery, "permanent", permanent.Reason, permanent.ProviderCode, person, ct);
                break;
        }
    }

    /// <summary>A permanent failure: the person's other channels are tried in the same round
    /// (fallback) and the notification is flagged for admins. A test message checks the one channel
    /// it was sent on, so it has no fallback: its failure is the answer to the test.</summary>
    private async Task FailAsync(ClaimedDelivery delivery, string outcome, string reason, string? code, Person? person, CancellationToken ct)
    {
        var others = person is null || delivery.Kind == NoticeKind.Test
            ? []
            : Domain.Policy.Channels.Reachable(person).Where(c => c != delivery.Channel).ToList();
        var flag = $"{delivery.Channel.ToName()}: {reason}" + (code is null ? "" : $" ({code})");
        await store.RecordFailedAsync(delivery.Id, outcome, reason, code, others, flag, time.GetUtcNow(), ct);
        logger.LogError("Delivery {DeliveryId} over {Channel} to {PersonId} failed for good: {Reason}; falling back to {Fallback}",
            delivery.Id, delivery.Channel.ToName(), delivery.PersonId, reason, string.Join(",", others.Select(c => c.ToName())));
    }
}
