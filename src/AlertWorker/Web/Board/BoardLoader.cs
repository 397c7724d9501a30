using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Feeds;
using AlertWorker.Storage;
using Microsoft.Extensions.Options;

namespace AlertWorker.Web.Board;

/// <summary>Gathers what one rendering of the board shows, at one instant of the injected clock:
/// the stored warnings and outbox, the feeds' health, the channels, the directory and policy in force.</summary>
public sealed class BoardLoader(
    IBoardStore store,
    IFeedHealthStore feedHealth,
    FeedCatalog feeds,
    LiveConfig live,
    ChannelSenders senders,
    TimeProvider time,
    IOptions<AlertWorkerOptions> options)
{
    public TimeZoneInfo Zone => options.Value.Zone;

    public async Task<BoardView> LoadAsync(string userName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = Zone;
        var config = live.Current?.Config;
        var directory = config?.Directory;

        var warnings = await store.ActiveWarningsAsync(now, ct);
        var health = (await feedHealth.ListAsync(ct)).ToDictionary(h => h.FeedId, StringComparer.Ordinal);
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var today = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date));
        var outboxToday = await store.OutboxCountsAsync(today, ct);
        var outbox = await store.RecentOutboxAsync(BoardPage.OutboxShown, ct);

        return new BoardView(
            now,
            zone,
            userName,
            warnings.Select(w => BoardModel.ViewOf(w, directory, config?.Policy, now)).ToList(),
            feeds.Feeds.Select(f =>
            {
                var h = health.GetValueOrDefault(f.Id) ?? FeedHealth.Empty(f.Id);
                return new FeedView(f, h, h.IsStaleAt(now, f.StaleAfter));
            }).ToList(),
            senders.Providers,
            senders.OnOutbox,
            outboxToday,
            outbox.Select(m => (m, directory?.PeopleById.GetValueOrDefault(m.PersonId))).ToList(),
            BoardModel.DutyOf(directory, now),
            live.Problems);
    }
}
