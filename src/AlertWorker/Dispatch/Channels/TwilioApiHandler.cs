namespace AlertWorker.Dispatch.Channels;

/// <summary>
/// The handler under one Twilio request: sends it to the configured API base URL (scheme, host,
/// port and any path prefix), takes the sender's cancellation along (the library's calls take no
/// token), and notes the status and Retry-After of the answer, which the library's exceptions lose.
/// </summary>
internal sealed class TwilioApiHandler(Uri apiBaseUrl, TimeProvider clock, CancellationToken sendCancellation) : DelegatingHandler
{
    public int? Status { get; private set; }
    public TimeSpan? RetryAfter { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri ?? throw new InvalidOperationException("a Twilio request without a URL");
        request.RequestUri = new UriBuilder(original)
        {
            Scheme = apiBaseUrl.Scheme,
            Host = apiBaseUrl.Host,
            Port = apiBaseUrl.Port,
            Path = apiBaseUrl.AbsolutePath.TrimEnd('/') + original.AbsolutePath,
        }.Uri;

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sendCancellation);
        var response = await base.SendAsync(request, linked.Token);
        Status = (int)response.StatusCode;
        RetryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
        return response;
    }
}
