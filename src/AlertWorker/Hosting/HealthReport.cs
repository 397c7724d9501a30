using System.Data.Common;
using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using AlertWorker.Feeds;
using AlertWorker.Storage;

namespace AlertWorker.Hosting;

/// <summary>
/// What <c>GET /healthz</c> answers (SPEC §9): the database, every configured feed with its
/// staleness and every channel with its provider. Healthy or Degraded (a stale or failing feed, a
/// channel writing to the outbox for want of credentials) with 200; Unhealthy with 503 when the
/// database cannot be reached, since then the worker cannot do its job.
/// </summary>
public sealed class HealthReport(
    DbDataSource database, IFeedHealthStore feedHealth, FeedCatalog catalog, LiveConfig live, ChannelSenders senders, TimeProvider time,
    ILogger<HealthReport> logger)
{
    public sealed record Body(
        string Status, ComponentHealth Database, ConfigHealth Config, IReadOnlyList<FeedStatus> Feeds, IReadOnlyList<ChannelHealth> Channels);

    /// <summary>A channel and the provider it goes through; Degraded on the outbox (nothing is really sent).</summary>
    public sealed record ChannelHealth(string Channel, string Provider, string Status);

    /// <summary>The configuration in force (its directory version) and the problems of the latest
    /// attempt to load the folder, as <c>file:line: message</c>.</summary>
    public sealed record ConfigHealth(string Status, long? DirectoryVersion, IReadOnlyList<string> Problems);

    public sealed record ComponentHealth(string Status, string? Error);

    public sealed record FeedStatus(
        string Id, bool Stale, DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess, string? LastError,
        DateTimeOffset? LastErrorAt, int ConsecutiveFailures, DateTimeOffset? LastChange, IReadOnlyList<string> Rejections);

    public async Task<(int StatusCode, Body Body)> CheckAsync(CancellationToken ct)
    {
        IReadOnlyList<FeedHealth> stored;
        try
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            stored = await feedHealth.ListAsync(ct);
        }
        catch (DbException ex)
        {
            logger.LogError(ex, "Health check cannot reach the database");
            return (StatusCodes.Status503ServiceUnavailable,
                new Body("Unhealthy", new ComponentHealth("Unhealthy", ex.Message.ReplaceLineEndings(" ")), Config(), [], ChannelStatus()));
        }

        var now = time.GetUtcNow();
        var byId = stored.ToDictionary(h => h.FeedId, StringComparer.Ordinal);
        var feeds = catalog.Feeds.Select(feed =>
        {
            var h = byId.GetValueOrDefault(feed.Id) ?? FeedHealth.Empty(feed.Id);
            return new FeedStatus(feed.Id, h.IsStaleAt(now, feed.StaleAfter), h.LastAttempt, h.LastSuccess, h.LastError,
                h.LastErrorAt, h.ConsecutiveFailures, h.LastChange, h.Rejections);
        }).ToList();
        var config = Config();
        var reachable = new ComponentHealth("Healthy", null);
        if (config.Status == "Unhealthy")
            return (StatusCodes.Status503ServiceUnavailable, new Body("Unhealthy", reachable, config, feeds, ChannelStatus()));
        var channels = ChannelStatus();
        var degraded = config.Status == "Degraded" || feeds.Any(f => f.Stale || f.ConsecutiveFailures > 0)
            || channels.Any(c => c.Status != "Healthy");
        return (StatusCodes.Status200OK, new Body(degraded ? "Degraded" : "Healthy", reachable, config, feeds, channels));
    }

    private List<ChannelHealth> ChannelStatus() =>
        senders.Providers.Select(p => new ChannelHealth(
            p.Channel.ToName(), p.Provider, p.Provider == OutboxChannelSender.ProviderName ? "Degraded" : "Healthy")).ToList();

    /// <summary>Unhealthy without any valid configuration (nothing can be matched); Degraded while a
    /// broken edit is waiting to be fixed and the last valid one is in force.</summary>
    private ConfigHealth Config()
    {
        var problems = live.Problems.Select(p => p.ToString()).ToList();
        var status = live.Current is null ? "Unhealthy" : problems.Count > 0 ? "Degraded" : "Healthy";
        return new ConfigHealth(status, live.Current?.DirectoryVersion, problems);
    }
}
