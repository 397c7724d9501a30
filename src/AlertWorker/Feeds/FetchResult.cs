namespace AlertWorker.Feeds;

/// <summary>What one fetch gave: the content, "not modified", or a failure as one line.</summary>
public abstract record FetchResult
{
    private FetchResult() { }

    public sealed record Fetched(byte[] Content, string? ETag, string? LastModified) : FetchResult;

    public sealed record NotModified : FetchResult;

    public sealed record Failed(string Error) : FetchResult;
}
