using System.Net;
using Flurl.Http;
using Flurl.Http.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AlertWorker.Feeds;

/// <summary>
/// Fetches a feed's documents: over HTTP through the feed's own Flurl client (retry, circuit
/// breaker and per-attempt timeout in its middleware), with a conditional GET and a hard size cap
/// on the body; a file feed is read from disk with the same cap. Failures come back as one line.
/// </summary>
public sealed class FeedClient(IFlurlClientCache clients, IOptions<FeedClientOptions> options, TimeProvider time)
{
    private const int ChunkSize = 81920;

    public async Task<FetchResult> FetchAsync(FeedDefinition feed, string url, string? etag, string? lastModified, CancellationToken ct)
    {
        if (!IsHttp(url)) return await ReadFileAsync(url, feed.MaxSize, ct);

        var request = ClientFor(feed).Request(url);
        if (etag is not null) request.WithHeader("If-None-Match", etag);
        if (lastModified is not null) request.WithHeader("If-Modified-Since", lastModified);
        try
        {
            using var response = await request.GetAsync(HttpCompletionOption.ResponseHeadersRead, ct);
            var message = response.ResponseMessage;
            if (message.StatusCode == HttpStatusCode.NotModified) return new FetchResult.NotModified();
            if (!message.IsSuccessStatusCode) return new FetchResult.Failed(HttpError(message));
            if (message.Content.Headers.ContentLength > feed.MaxSize) return new FetchResult.Failed(Oversize(feed.MaxSize));

            // The pipeline's timeout ends with the headers; the body gets the feed's timeout again.
            using var bodyTimeout = new CancellationTokenSource(feed.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bodyTimeout.Token);
            try
            {
                await using var body = await message.Content.ReadAsStreamAsync(linked.Token);
                var content = await ReadCappedAsync(body, feed.MaxSize, linked.Token);
                return content is null
                    ? new FetchResult.Failed(Oversize(feed.MaxSize))
                    : new FetchResult.Fetched(content, message.Headers.ETag?.ToString(), message.Content.Headers.LastModified?.ToString("R"));
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException && bodyTimeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return new FetchResult.Failed(TimedOut(feed.Timeout));
            }
        }
        catch (FlurlHttpException ex) when (!ct.IsCancellationRequested)
        {
            return new FetchResult.Failed(Classify(ex, feed.Timeout));
        }
    }

    public static string Oversize(long maxSize) => $"document over {maxSize} bytes";

    public static string TimedOut(TimeSpan timeout) =>
        $"timed out after {(timeout.TotalSeconds >= 1 && timeout.Milliseconds == 0 ? $"{timeout.TotalSeconds:0}s" : $"{timeout.TotalMilliseconds:0}ms")}";

    private IFlurlClient ClientFor(FeedDefinition feed) => clients.GetOrAdd(feed.Id, null, builder =>
    {
        builder.Settings.Timeout = null;
        builder.Settings.AllowedHttpStatusRange = "*";
        var pipeline = FeedResilience.For(feed, options.Value, time);
        builder.AddMiddleware(() => new ResilienceHandler(pipeline));
    });

    private static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static string HttpError(HttpResponseMessage message)
    {
        var code = (int)message.StatusCode;
        var phrase = ReasonPhrases.GetReasonPhrase(code);
        return $"HTTP {code} {(phrase.Length > 0 ? phrase : message.ReasonPhrase)}".TrimEnd();
    }

    private static string Classify(FlurlHttpException ex, TimeSpan timeout)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutRejectedException or FlurlHttpTimeoutException:
                    return TimedOut(timeout);
                case BrokenCircuitException broken:
                    return broken.RetryAfter is { } after
                        ? $"circuit open after repeated failures, next try in {after.TotalSeconds:0}s"
                        : "circuit open after repeated failures";
                case HttpRequestException request:
                    return $"connection failed: {OneLine(request.Message)}";
            }
        }
        return OneLine(ex.InnerException?.Message ?? ex.Message);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static async Task<FetchResult> ReadFileAsync(string path, long maxSize, CancellationToken ct)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, ChunkSize, useAsync: true);
            if (file.Length > maxSize) return new FetchResult.Failed(Oversize(maxSize));
            var content = await ReadCappedAsync(file, maxSize, ct);
            return content is null ? new FetchResult.Failed(Oversize(maxSize)) : new FetchResult.Fetched(content, null, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FetchResult.Failed($"file not found: {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FetchResult.Failed($"cannot read {path}: {OneLine(ex.Message)}");
        }
    }

    /// <summary>Reads at most <paramref name="maxSize"/> bytes; null as soon as there is more.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long maxSize, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxSize) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
