using System.Diagnostics.CodeAnalysis;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Storage;

namespace AlertWorker.Web.Webhooks;

/// <summary>Reads Twilio's status callbacks: <c>MessageSid</c>/<c>MessageStatus</c> for SMS,
/// <c>CallSid</c>/<c>CallStatus</c> for calls.</summary>
public static class TwilioStatusReport
{
    /// <summary>False when the form names no message or call and its status. A status on the way (queued,
    /// sent, initiated, ringing, ...) is <see cref="DeliveryStatus.OnItsWay"/>: it tells that the provider has it.</summary>
    /// <param name="deliveryId">The delivery the callback URL names, if it names one.</param>
    public static bool TryRead(IFormCollection form, long? deliveryId, [NotNullWhen(true)] out DeliveryStatusReport? report)
    {
        report = null;
        var (sid, status, isCall) = !string.IsNullOrEmpty(form["MessageStatus"])
            ? (form["MessageSid"].ToString(), form["MessageStatus"].ToString(), false)
            : (form["CallSid"].ToString(), form["CallStatus"].ToString(), true);
        if (sid.Length == 0 || status.Length == 0)
            return false;

        var errorCode = form["ErrorCode"].ToString() is { Length: > 0 } code ? code : null;
        var outcome = (isCall, status) switch
        {
            (false, "delivered" or "read") => DeliveryStatus.Delivered,
            (false, "undelivered") => DeliveryStatus.Undelivered,
            (false, "failed" or "canceled") => DeliveryStatus.Failed,
            // a completed call was picked up (by the person or their voicemail)
            (true, "completed") => DeliveryStatus.Delivered,
            // nobody took the call: failed like a transient error; escalation calls again
            (true, "busy" or "no-answer" or "failed" or "canceled") => DeliveryStatus.Failed,
            _ => DeliveryStatus.OnItsWay,
        };
        var error = outcome is DeliveryStatus.Delivered or DeliveryStatus.OnItsWay ? null
            : errorCode is null ? status : $"{status} (Twilio error {errorCode})";
        report = new DeliveryStatusReport(TwilioApi.Provider, sid, outcome, error, errorCode, deliveryId);
        return true;
    }
}
