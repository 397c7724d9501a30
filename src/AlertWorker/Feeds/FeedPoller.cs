using System.Security.Cryptography;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;

namespace AlertWorker.Feeds;

/// <summary>
/// One poll of one feed: fetch (conditional), hand the document to the handler, for a cap-index
/// fetch the new or changed linked documents, and record the feed's health. Every failure and
/// rejection ends up in the health record as one line; a failing entry does not stop the others,
/// and nothing here stops another feed. A failure is logged when it changes, not at every poll.
/// </summary>
public sealed class FeedPoller(
    FeedClient client,
    IFeedDocumentHandler handler,
    IFeedHealthStore healthStore,
    IIndexEntryStore indexEntries,
    TimeProvider time,
    ILogger<FeedPoller> logger)
{
    /// <summary>
    /// A scheduled poll: skipped (null) within half an interval of the feed's last poll, whichever instance
    /// made it. Quartz fires a repeating trigger at fixed times, so a late firing (a slow start, a takeover
    /// in the cluster) is followed at once by an on-time one; the feed is polled once per interval all the same.
    /// </summary>
    public async Task<FeedHealth?> PollDueAsync(FeedDefinition feed, CancellationToken ct)
    {
        var last = (await healthStore.GetAsync(feed.Id, ct)).LastAttempt;
        if (last is { } at && time.GetUtcNow() - at < feed.Interval / 2)
        {
            logger.LogDebug("Feed {FeedId} was polled at {LastAttempt}, less than half an interval ago; this firing is skipped", feed.Id, at);
            return null;
        }
        return await PollAsync(feed, ct);
    }

    public async Task<FeedHealth> PollAsync(FeedDefinition feed, CancellationToken ct)
    {
        var before = await healthStore.GetAsync(feed.Id, ct);
        var at = time.GetUtcNow();
        var fetched = await client.FetchAsync(feed, feed.Url, before.ETag, before.LastModified, ct);
        var after = fetched switch
        {
            FetchResult.NotModified => Succeeded(before, at, before.ContentHash, [], before.ETag, before.LastModified),
            FetchResult.Failed failed => Failed(before, at, failed.Error),
            FetchResult.Fetched document => await HandleAsync(feed, document, before, at, ct),
            _ => throw new InvalidOperationException($"unknown fetch result {fetched.GetType().Name}"),
        };
        await healthStore.SaveAsync(after, ct);
        LogChange(before, after);
        return after;
    }

    private async Task<FeedHealth> HandleAsync(FeedDefinition feed, FetchResult.Fetched document, FeedHealth before, DateTimeOffset at, CancellationToken ct)
    {
        var handling = await handler.HandleAsync(feed, document.Content, ct);
        if (handling.DocumentError is { } error) return Failed(before, at, $"rejected: {error}");

        var rejections = handling.Rejections.ToList();
        foreach (var link in handling.Links)
        {
            rejections.AddRange(await FetchLinkAsync(feed, link, ct));
        }
        return Succeeded(before, at, Hash(document.Content), rejections, document.ETag, document.LastModified);
    }

    /// <summary>Fetches one linked CAP document unless it was fetched unchanged before; returns its rejections.</summary>
    private async Task<IReadOnlyList<string>> FetchLinkAsync(FeedDefinition feed, IndexEntryLink link, CancellationToken ct)
    {
        var stored = await indexEntries.FindAsync(feed.Id, link.EntryId, ct);
        if (stored is not null && stored.Updated == link.Updated) return [];

        var fetched = await client.FetchAsync(feed, link.Url, null, null, ct);
        if (fetched is not FetchResult.Fetched document)
        {
            return [$"entry {link.EntryId}: {(fetched as FetchResult.Failed)?.Error ?? "no content"}"];
        }

        var handling = await handler.HandleAsync(feed with { Kind = FeedKind.Cap, Url = link.Url }, document.Content, ct);
        await indexEntries.SaveAsync(new StoredIndexEntry(feed.Id, link.EntryId, link.Updated, link.Url, time.GetUtcNow()), ct);
        return handling.DocumentError is { } error
            ? [$"entry {link.EntryId}: rejected: {error}"]
            : handling.Rejections.Select(r => $"entry {link.EntryId}: {r}").ToList();
    }

    private static FeedHealth Succeeded(
        FeedHealth before, DateTimeOffset at, string? contentHash, IReadOnlyList<string> rejections, string? etag, string? lastModified) =>
        before with
        {
            LastAttempt = at,
            LastSuccess = at,
            ConsecutiveFailures = 0,
            LastChange = contentHash != before.ContentHash ? at : before.LastChange,
            ContentHash = contentHash,
            Rejections = rejections,
            ETag = etag,
            LastModified = lastModified,
        };

    private static FeedHealth Failed(FeedHealth before, DateTimeOffset at, string error) =>
        before with
        {
            LastAttempt = at,
            LastError = error,
            LastErrorAt = at,
            ConsecutiveFailures = before.ConsecutiveFailures + 1,
            Rejections = [],
        };

    private void LogChange(FeedHealth before, FeedHealth after)
    {
        if (after.IsFailing && (!before.IsFailing || before.LastError != after.LastError))
        {
            logger.LogWarning("Feed {FeedId} is failing: {Error}", after.FeedId, after.LastError);
        }
        else if (!after.IsFailing && before.IsFailing)
        {
            logger.LogInformation("Feed {FeedId} recovered after {Failures} failed polls", after.FeedId, before.ConsecutiveFailures);
        }
        foreach (var rejection in after.Rejections.Except(before.Rejections))
        {
            logger.LogWarning("Feed {FeedId} rejected {Rejection}", after.FeedId, rejection);
        }
    }

    private static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));
}
