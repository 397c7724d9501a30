using AlertWorker.Configuration;
using AlertWorker.Dispatch.Channels;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace AlertWorker.Web.Webhooks;

/// <summary>
/// Lets a webhook through only with a valid <c>X-Twilio-Signature</c>: HMAC-SHA1, keyed with the auth
/// token, of the public URL (<c>AlertWorker:PublicBaseUrl</c> + path + query, as Twilio was given it)
/// followed by the form parameters sorted by name. Anything else is 403 before the endpoint runs,
/// so a refused request changes nothing.
/// </summary>
public sealed class TwilioSignatureFilter(
    IOptions<TwilioOptions> twilio,
    IOptions<AlertWorkerOptions> worker,
    ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var refusal = await RefusalAsync(request, context.HttpContext.RequestAborted);
        if (refusal is not null)
        {
            logger.LogWarning("Refused a Twilio webhook on {Path}: {Reason}", request.Path.Value, refusal);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }

    private async Task<string?> RefusalAsync(HttpRequest request, CancellationToken ct)
    {
        var token = twilio.Value.AuthToken;
        if (string.IsNullOrEmpty(token))
            return "Twilio:AuthToken is not configured, so no signature can be checked";
        var signature = request.Headers[SignatureHeader].ToString();
        if (string.IsNullOrEmpty(signature))
            return $"no {SignatureHeader} header";
        if (!request.HasFormContentType)
            return "not a form post";
        var form = await request.ReadFormAsync(ct);
        var url = TwilioWebhooks.PublicUrl(worker.Value.PublicBaseUrl, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        var parameters = form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        return new RequestValidator(token).Validate(url, parameters, signature) ? null : $"{SignatureHeader} does not match";
    }
}
