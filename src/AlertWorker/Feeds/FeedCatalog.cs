namespace AlertWorker.Feeds;

/// <summary>The feeds of config/feeds.yaml as loaded at start: what the scheduler syncs its jobs to
/// and where a job finds its feed by id.</summary>
public sealed class FeedCatalog(IReadOnlyList<FeedDefinition> feeds)
{
    public IReadOnlyList<FeedDefinition> Feeds { get; } = feeds;

    public FeedDefinition? Find(string id) => Feeds.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));
}
