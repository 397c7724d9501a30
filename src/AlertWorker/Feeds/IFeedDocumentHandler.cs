using AlertWorker.Domain.Warnings;

namespace AlertWorker.Feeds;

/// <summary>
/// Takes one fetched feed document through parsing, lifecycle and storage. The poller hands it the
/// bytes and records what it says in the feed's health; for a cap-index the poller then fetches
/// the links it returns and hands each one back as a <see cref="FeedKind.Cap"/> document.
/// </summary>
public interface IFeedDocumentHandler
{
    ValueTask<DocumentHandling> HandleAsync(FeedDefinition feed, ReadOnlyMemory<byte> content, CancellationToken ct);
}

/// <summary>What a document gave: how many warnings were taken, the parts rejected (one line
/// each, naming the part), and the index links still to fetch. A document rejected whole has
/// <see cref="DocumentError"/> set.</summary>
public sealed record DocumentHandling
{
    public int Accepted { get; init; }
    public IReadOnlyList<string> Rejections { get; init; } = [];
    public IReadOnlyList<IndexEntryLink> Links { get; init; } = [];
    public string? DocumentError { get; init; }

    public static DocumentHandling RejectedWhole(string error) => new() { DocumentError = error };
}
