using System.Globalization;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;

namespace AlertWorker.Dispatch.Channels;

/// <summary>
/// Twilio's REST API as the senders use it: every request goes to <see cref="TwilioOptions.ApiBaseUrl"/>
/// through one pooled connection handler (Twilio's library has no base-URL setting), and
/// <see cref="SendAsync"/> turns every answer into a <see cref="SendOutcome"/>; the senders only say
/// what to create.
/// </summary>
public sealed class TwilioApi : IDisposable
{
    public const string Provider = "twilio";

    /// <summary>Twilio error codes that mean "this number will not take it", with what they mean.</summary>
    private static readonly Dictionary<int, string> KnownPermanentErrors = new()
    {
        [21211] = "invalid To number",
        [21610] = "the person has opted out (replied STOP)",
        [21612] = "Twilio cannot route to this number",
        [21614] = "To is not a mobile number",
        [13224] = "invalid phone number for a call",
    };

    private readonly TwilioOptions _settings;
    private readonly TimeProvider _clock;
    private readonly HttpMessageHandler _connections;

    public TwilioApi(IOptions<TwilioOptions> options, TimeProvider clock)
    {
        _settings = options.Value;
        _clock = clock;
        FromNumber = _settings.FromNumber ?? throw new InvalidOperationException("Twilio:FromNumber is not set");
        _connections = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    }

    public string FromNumber { get; }

    /// <summary>Runs one create request on a <see cref="TwilioRestClient"/> of these settings and
    /// classifies its answer: the resource's SID when Twilio took it; transient for timeouts,
    /// connection errors, 408, 429 (with Retry-After) and 5xx; permanent with Twilio's error code
    /// for any other 4xx. Only cancellation throws.</summary>
    public async Task<SendOutcome> SendAsync(Func<ITwilioRestClient, Task<string>> create, CancellationToken ct)
    {
        // The library's exceptions carry no headers, and a non-JSON error has status 0: the
        // handler of this one request notes both for the classification.
        var exchange = new TwilioApiHandler(new Uri(_settings.ApiBaseUrl), _clock, ct) { InnerHandler = _connections };
        using var http = new System.Net.Http.HttpClient(exchange, disposeHandler: false) { Timeout = _settings.RequestTimeout };
        var client = new TwilioRestClient(_settings.AccountSid, _settings.AuthToken, httpClient: new SystemNetHttpClient(http));
        try
        {
            var sid = await create(client);
            return new SendOutcome.Accepted(Provider, sid);
        }
        catch (ApiException ex)
        {
            ct.ThrowIfCancellationRequested();
            var status = ex.Status != 0 ? ex.Status : exchange.Status ?? 0;
            return Classify(status, ex.Code, ex.Message, exchange.RetryAfter);
        }
        catch (ApiConnectionException ex)
        {
            ct.ThrowIfCancellationRequested();
            return new SendOutcome.Transient(ex.InnerException switch
            {
                TaskCanceledException => $"no answer from Twilio within {_settings.RequestTimeout.TotalSeconds:0.###}s",
                HttpRequestException connection => $"connection to Twilio failed: {connection.Message}",
                _ => $"connection to Twilio failed: {ex.Message}",
            }, null);
        }
    }

    internal static SendOutcome Classify(int status, int code, string message, TimeSpan? retryAfter)
    {
        var detail = code != 0 ? $"Twilio error {code}: {message}" : message;
        return status switch
        {
            >= 200 and < 300 => new SendOutcome.Permanent($"Twilio took the request (HTTP {status}) but its answer could not be read: {message}", null),
            429 => new SendOutcome.Transient($"HTTP 429 too many requests ({detail})", retryAfter),
            408 or >= 500 => new SendOutcome.Transient($"HTTP {status} ({detail})", retryAfter),
            >= 400 => new SendOutcome.Permanent(
                KnownPermanentErrors.TryGetValue(code, out var meaning) ? $"{meaning} (HTTP {status}, {detail})" : $"HTTP {status} ({detail})",
                code != 0 ? code.ToString(CultureInfo.InvariantCulture) : null),
            _ => new SendOutcome.Transient($"no usable answer from Twilio ({detail})", retryAfter),
        };
    }

    public void Dispose() => _connections.Dispose();
}
