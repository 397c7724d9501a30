using AlertWorker.Configuration;

namespace AlertWorker.Feeds;

/// <summary>The feeds of config/feeds.yaml in force: what the scheduler syncs its jobs to and where
/// a job finds its feed by id. In the worker it follows the live configuration.</summary>
public sealed class FeedCatalog
{
    private readonly Func<IReadOnlyList<FeedDefinition>> _feeds;

    public FeedCatalog(IReadOnlyList<FeedDefinition> feeds) => _feeds = () => feeds;

    public FeedCatalog(LiveConfig live) => _feeds = () => live.Current?.Config.Feeds ?? [];

    public IReadOnlyList<FeedDefinition> Feeds => _feeds();

    public FeedDefinition? Find(string id) => Feeds.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));
}
