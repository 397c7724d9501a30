namespace AlertWorker.Storage;

/// <summary>What a provider said about a message it had accepted (SPEC §9 status callbacks): on its way
/// (queued, sent, ringing ...: the provider has it), or finally delivered, undelivered or failed.</summary>
public enum DeliveryStatus { OnItsWay, Delivered, Undelivered, Failed }

/// <param name="Provider">As stored with the delivery (<c>twilio</c>).</param>
/// <param name="ProviderId">The provider's id of the message or call (Twilio SID).</param>
/// <param name="Error">What went wrong, for undelivered and failed.</param>
/// <param name="ErrorCode">The provider's error code, when it gave one.</param>
/// <param name="DeliveryId">The delivery the callback URL names (given to the provider with the send), when it names one.</param>
public sealed record DeliveryStatusReport(string Provider, string ProviderId, DeliveryStatus Status, string? Error, string? ErrorCode,
    long? DeliveryId = null)
{
    public bool IsFinal => Status != DeliveryStatus.OnItsWay;
}

/// <summary>Records delivery reports on the deliveries the dispatcher made.</summary>
public interface IDeliveryStatusStore
{
    /// <summary>
    /// Applies the report to the delivery with its provider id. Delivered fills the delivery's and
    /// (if still empty) the notification's <c>delivered_at</c>; a failure never overwrites a delivery
    /// already delivered; on its way changes nothing. When no delivery has that provider id yet but the
    /// report names one still being sent, the report is its accept: recorded as the dispatcher records one
    /// (the provider has the message, whether or not the instance that sent it lives to record it), so that
    /// a lease running out never sends it again. Otherwise false: a final report is kept (a day at most) and
    /// applied when the dispatcher records the accept with that provider id.
    /// </summary>
    Task<bool> RecordAsync(DeliveryStatusReport report, DateTimeOffset at, CancellationToken ct);
}
