using AlertWorker.Domain.Warnings;

namespace AlertWorker.Feeds;

/// <summary>One entry of config/feeds.yaml (SPEC §3).</summary>
public sealed record FeedDefinition
{
    public required string Id { get; init; }
    public required FeedKind Kind { get; init; }
    /// <summary>An http(s) URL, or a file path already resolved against the config folder.</summary>
    public required string Url { get; init; }
    public required TimeSpan Interval { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required TimeSpan StaleAfter { get; init; }
    public long MaxSize { get; init; } = ParseOptions.DefaultMaxSize;
    public bool RequireSignature { get; init; }
    /// <summary>Certificate files (PEM or DER), resolved against the config folder.</summary>
    public IReadOnlyList<string> TrustedCertificates { get; init; } = [];

    public bool IsHttp => Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
