using Polly;

namespace AlertWorker.Feeds;

/// <summary>Runs each HTTP attempt of a feed client through the feed's Polly pipeline.</summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.handler.SendInnerAsync(state.request, token)),
            (handler: this, request),
            cancellationToken);

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
