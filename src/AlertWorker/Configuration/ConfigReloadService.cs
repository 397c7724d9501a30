using AlertWorker.Directory;
using AlertWorker.Domain.Matching;
using AlertWorker.Feeds;
using AlertWorker.Policy;
using AlertWorker.Storage;
using AlertWorker.Warnings;
using AlertWorker.Web;
using Microsoft.Extensions.Options;
using Quartz;

namespace AlertWorker.Configuration;

/// <summary>
/// Reads the config folder at start and whenever it changes (checked every
/// <see cref="AlertWorkerOptions.ConfigReloadInterval"/>). A valid folder becomes the live
/// configuration and, when its directory files changed since they were last read, a new directory
/// version in the database (else the database's latest version, with the admins' edits, holds); a
/// broken one is reported line by line and changes nothing. Newer versions other instances store are
/// taken over at the same interval. When the folder is broken at start, the worker runs on the last
/// stored directory version (with policy.yaml and feeds.yaml, when those are valid on their own).
/// </summary>
public sealed class ConfigReloadService(
    LiveConfig live,
    IDirectoryVersionStore versions,
    ISchedulerFactory schedulers,
    IOptions<AlertWorkerOptions> options,
    TimeProvider time,
    ILogger<ConfigReloadService> logger) : BackgroundService
{
    private readonly string _folder = options.Value.ConfigDirectory;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (live.Current is null) await FallBackToStoredDirectoryAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConfigReloadInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var feedsBefore = live.Current?.Config.Feeds;
            await ReloadAsync(stoppingToken);
            await FollowStoredVersionAsync(stoppingToken);
            var feedsNow = live.Current?.Config.Feeds;
            if (feedsNow is not null && !ReferenceEquals(feedsBefore, feedsNow) && !SameFeeds(feedsBefore, feedsNow))
            {
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                await FeedSchedule.SyncAsync(scheduler, feedsNow, time, stoppingToken);
                logger.LogInformation("Feed polls re-scheduled for {FeedCount} feeds", feedsNow.Count);
            }
        }
    }

    /// <summary>Loads the folder when it changed since it was last read; returns whether a new configuration was applied.</summary>
    public async Task<bool> ReloadAsync(CancellationToken ct)
    {
        var fingerprint = ConfigFingerprint.Of(_folder);
        if (fingerprint == live.LastFingerprint) return false;

        var result = ConfigLoader.Load(_folder);
        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
                logger.LogWarning("Configuration problem {Problem}", problem.ToString());
            logger.LogError(
                "Configuration in {ConfigFolder} rejected with {ProblemCount} problems; still running on directory version {DirectoryVersion}",
                _folder, result.Problems.Count, live.Current?.DirectoryVersion);
            live.Reject(result.Problems, fingerprint);
            return false;
        }

        var config = result.Value;
        var source = ConfigFingerprint.OfDirectory(_folder);
        var latest = await versions.LoadLatestAsync(ct);
        long version;
        if (latest is not null && await versions.LatestFolderSourceAsync(ct) == source)
        {
            // The directory files are as they were when last read: the database's latest version holds,
            // with the admins' edits made since (SPEC §4); policy, feeds and users come from the folder.
            version = latest.Version;
            config = config with { Directory = latest.Directory };
        }
        else
        {
            var changes = DirectoryDiff.Between(latest?.Directory, config.Directory);
            version = await versions.SaveAsync(new NewDirectoryVersion(config.Directory, source, null, time.GetUtcNow(), changes), ct)
                ?? throw new InvalidOperationException("a directory version without an expected predecessor was refused");
            logger.LogInformation("Directory files in {ConfigFolder} stored as version {DirectoryVersion} with {ChangeCount} changes",
                _folder, version, changes.Count);
        }
        Apply(config with { Directory = config.Directory.WithVersion(version) }, version, fingerprint);
        return true;
    }

    /// <summary>Takes over a newer directory version another instance (or this one's admin pages) stored.</summary>
    public async Task FollowStoredVersionAsync(CancellationToken ct)
    {
        if (live.Current is not { } current || await versions.LatestNumberAsync(ct) <= current.DirectoryVersion) return;
        if (await versions.LoadLatestAsync(ct) is { } latest && live.ApplyDirectory(latest.Directory, latest.Version, time.GetUtcNow()))
            logger.LogInformation("Directory version {DirectoryVersion} taken over from the database (changed by {ChangedBy})",
                latest.Version, latest.ChangedBy ?? "the config folder");
    }

    private async Task FallBackToStoredDirectoryAsync(CancellationToken ct)
    {
        var stored = await versions.LoadLatestAsync(ct);
        var policy = PolicyLoader.Load(_folder);
        var feeds = FeedsLoader.Load(_folder);
        var users = UsersLoader.Load(_folder);
        if (stored is null || !policy.IsValid || !feeds.IsValid)
        {
            logger.LogCritical("No valid configuration in {ConfigFolder} and none stored to fall back on: nothing is polled until it is fixed", _folder);
            return;
        }
        logger.LogWarning("Running on stored directory version {DirectoryVersion} until {ConfigFolder} is fixed", stored.Version, _folder);
        var problems = live.Problems;
        // users.yaml broken too: nobody can log in until it is fixed, but warnings still go out
        var config = new LoadedConfig(stored.Directory, policy.Value, feeds.Value) { Users = users.Value ?? [] };
        Apply(config, stored.Version, live.LastFingerprint ?? "");
        live.Reject(problems, live.LastFingerprint ?? "");
    }

    private void Apply(LoadedConfig config, long version, string fingerprint)
    {
        live.Apply(LiveConfig.Applied.Build(config, version, time.GetUtcNow()), fingerprint);
        logger.LogInformation(
            "Configuration applied: directory version {DirectoryVersion} with {PointCount} hazard points and {PersonCount} people, {FeedCount} feeds",
            version, config.Directory.HazardPoints.Count, config.Directory.People.Count, config.Feeds.Count);
    }

    private static bool SameFeeds(IReadOnlyList<FeedDefinition>? before, IReadOnlyList<FeedDefinition> now) =>
        before is not null && before.Count == now.Count && before.Zip(now).All(p => FeedsEqual(p.First, p.Second));

    private static bool FeedsEqual(FeedDefinition a, FeedDefinition b) =>
        a with { TrustedCertificates = [] } == b with { TrustedCertificates = [] }
        && a.TrustedCertificates.SequenceEqual(b.TrustedCertificates, StringComparer.Ordinal);
}
