using System.Globalization;
using AlertWorker.Storage;

namespace AlertWorker.Web.Webhooks;

/// <summary>
/// Twilio's calls into the worker (SPEC §9): inbound SMS, status callbacks of messages and calls,
/// and the key press of a call. Every one passes <see cref="TwilioSignatureFilter"/> first.
/// </summary>
public static class TwilioWebhooks
{
    public const string SmsPath = "/webhooks/twilio/sms";
    public const string StatusPath = "/webhooks/twilio/status";
    public const string VoicePath = "/webhooks/twilio/voice";

    /// <summary>The query parameter of the voice webhook that names the notification the call is about.</summary>
    public const string NotificationParameter = "n";

    /// <summary>The query parameter of the status webhook that names the delivery the message or call is.</summary>
    public const string DeliveryParameter = "d";

    private const string TwimlContentType = "application/xml";

    /// <summary>The URL Twilio is given (and signs) for <paramref name="pathAndQuery"/>, built on
    /// <c>AlertWorker:PublicBaseUrl</c>, never on the Host header of a request.</summary>
    public static string PublicUrl(string publicBaseUrl, string pathAndQuery) => publicBaseUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>Where a call posts the key pressed for <paramref name="notificationId"/>.</summary>
    public static string VoiceActionUrl(string publicBaseUrl, long notificationId) =>
        PublicUrl(publicBaseUrl, $"{VoicePath}?{NotificationParameter}={notificationId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Where the provider reports the status of the message or call of <paramref name="deliveryId"/>.</summary>
    public static string StatusCallbackUrl(string publicBaseUrl, long deliveryId) =>
        PublicUrl(publicBaseUrl, $"{StatusPath}?{DeliveryParameter}={deliveryId.ToString(CultureInfo.InvariantCulture)}");

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        // Open to anonymous callers: the signature is the authentication (SPEC §9).
        var webhooks = app.MapGroup("").AddEndpointFilter<TwilioSignatureFilter>().DisableAntiforgery().AllowAnonymous();

        webhooks.MapPost(SmsPath, async (HttpRequest request, TwilioAnswerIntake intake, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            if (Missing(form, "From", "MessageSid") is { } missing)
                return Results.BadRequest($"an inbound SMS needs {missing}");
            var reply = await intake.SmsAsync(form["From"].ToString(), form["Body"].ToString(), form["MessageSid"].ToString(), ct);
            return Results.Text(reply, TwimlContentType);
        });

        webhooks.MapPost(StatusPath, async (HttpRequest request, IDeliveryStatusStore store, TimeProvider clock,
            ILoggerFactory logs, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            long? deliveryId = null;
            if (request.Query[DeliveryParameter] is { Count: > 0 } named)
            {
                if (!long.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    return Results.BadRequest($"?{DeliveryParameter}= must be a delivery id");
                deliveryId = id;
            }
            if (!TwilioStatusReport.TryRead(form, deliveryId, out var report))
                return Results.BadRequest("a status callback needs MessageSid and MessageStatus, or CallSid and CallStatus");
            if (!await store.RecordAsync(report, clock.GetUtcNow(), ct) && report.IsFinal)
                logs.CreateLogger(typeof(TwilioWebhooks)).LogInformation("Status {Status} for {ProviderId} names no delivery yet; kept for its accept", report.Status, report.ProviderId);
            return Results.NoContent();
        });

        webhooks.MapPost(VoicePath, async (HttpRequest request, TwilioAnswerIntake intake, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            if (!long.TryParse(request.Query[NotificationParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var notificationId))
                return Results.BadRequest($"the voice webhook needs ?{NotificationParameter}=<notification id>");
            if (Missing(form, "To") is { } missing)
                return Results.BadRequest($"a key press needs {missing}");
            var reply = await intake.KeyPressAsync(notificationId, form["To"].ToString(), form["Digits"].ToString(), ct);
            return Results.Text(reply, TwimlContentType);
        });
        return app;
    }

    private static string? Missing(IFormCollection form, params string[] names) =>
        names.FirstOrDefault(name => string.IsNullOrEmpty(form[name]));
}
