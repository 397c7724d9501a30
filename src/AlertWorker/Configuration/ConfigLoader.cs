using AlertWorker.Directory;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Feeds;
using AlertWorker.Policy;
using AlertWorker.Web;

namespace AlertWorker.Configuration;

/// <summary>Everything the worker and <c>replay</c> need from the config folder, validated.</summary>
public sealed record LoadedConfig(DirectorySnapshot Directory, AlertPolicy Policy, IReadOnlyList<FeedDefinition> Feeds)
{
    /// <summary>Who may log in to the web port (<c>users.yaml</c>; none when the file is absent).</summary>
    public IReadOnlyList<WebUser> Users { get; init; } = [];
}

/// <summary>The loaded config, or every problem of every file (directory, policy.yaml, feeds.yaml, users.yaml, in that order).</summary>
public sealed record ConfigLoadResult(LoadedConfig? Value, IReadOnlyList<ConfigProblem> Problems)
    : LoadResult<LoadedConfig>(Value, Problems);

/// <summary>
/// Reads and validates the whole config folder (SPEC §3, §4, §4.1). Reads files only: no clock,
/// no network, no DI; <c>check-config</c>, <c>replay</c> and the worker all start here.
/// </summary>
public static class ConfigLoader
{
    public static ConfigLoadResult Load(string configDirectory)
    {
        if (!System.IO.Directory.Exists(configDirectory))
            return new ConfigLoadResult(null, [new ConfigProblem(configDirectory, 0, "the config folder does not exist")]);

        var directory = DirectoryLoader.Load(configDirectory);
        var policy = PolicyLoader.Load(configDirectory);
        var feeds = FeedsLoader.Load(configDirectory);
        var users = UsersLoader.Load(configDirectory);
        if (directory.IsValid && policy.IsValid && feeds.IsValid && users.IsValid)
            return new ConfigLoadResult(new LoadedConfig(directory.Value, policy.Value, feeds.Value) { Users = users.Value }, []);
        return new ConfigLoadResult(null, [.. directory.Problems, .. policy.Problems, .. feeds.Problems, .. users.Problems]);
    }
}
