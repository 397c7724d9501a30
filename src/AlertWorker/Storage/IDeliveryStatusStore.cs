namespace AlertWorker.Storage;

/// <summary>What a provider finally said about a message it had accepted (SPEC §9 status callbacks).</summary>
public enum DeliveryStatus { Delivered, Undelivered, Failed }

/// <param name="Provider">As stored with the delivery (<c>twilio</c>).</param>
/// <param name="ProviderId">The provider's id of the message or call (Twilio SID).</param>
/// <param name="Error">What went wrong, for undelivered and failed.</param>
/// <param name="ErrorCode">The provider's error code, when it gave one.</param>
public sealed record DeliveryStatusReport(string Provider, string ProviderId, DeliveryStatus Status, string? Error, string? ErrorCode);

/// <summary>Records delivery reports on the deliveries the dispatcher made.</summary>
public interface IDeliveryStatusStore
{
    /// <summary>Applies the report to the delivery with its provider id. Delivered fills the delivery's and
    /// (if still empty) the notification's <c>delivered_at</c>; a failure never overwrites a delivery
    /// already delivered. False when no delivery has that id yet: the report is kept (a day at most) and
    /// applied when the dispatcher records the accept with that id.</summary>
    Task<bool> RecordAsync(DeliveryStatusReport report, DateTimeOffset at, CancellationToken ct);
}
