using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Matching;
using AlertWorker.Warnings;

namespace AlertWorker.Configuration;

/// <summary>
/// The configuration the worker runs on now: the last valid one. A broken edit never replaces it;
/// its problems are kept here for <c>/healthz</c>, the board and the admin pages until the folder is fixed.
/// </summary>
public sealed class LiveConfig
{
    /// <summary>One applied configuration, with the matcher built once for its directory version.</summary>
    public sealed record Applied(LoadedConfig Config, MatchingContext Matching, long DirectoryVersion, DateTimeOffset AppliedAt)
    {
        public static Applied Build(LoadedConfig config, long directoryVersion, DateTimeOffset at) =>
            new(config, new MatchingContext(new Matcher(config.Directory), config.Policy), directoryVersion, at);
    }

    private readonly Lock _gate = new();
    private volatile Applied? _current;
    private volatile IReadOnlyList<ConfigProblem> _problems = [];

    /// <summary>What the worker runs on, or null when no valid configuration was ever loaded.</summary>
    public Applied? Current => _current;

    /// <summary>The problems of the latest attempt to load the folder; empty when it was valid.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Fingerprint of the folder as last read, valid or not; unchanged files are not loaded again.</summary>
    public string? LastFingerprint { get; private set; }

    public void Apply(Applied applied, string fingerprint)
    {
        lock (_gate)
        {
            _current = applied;
            _problems = [];
            LastFingerprint = fingerprint;
        }
    }

    public void Reject(IReadOnlyList<ConfigProblem> problems, string fingerprint)
    {
        lock (_gate)
        {
            _problems = problems;
            LastFingerprint = fingerprint;
        }
    }

    /// <summary>
    /// Puts a newer directory version (an admin's edit, here or on another instance) under the policy and
    /// feeds in force, with its matcher built before it takes over; an older or equal version changes
    /// nothing. Returns whether it took over.
    /// </summary>
    public bool ApplyDirectory(DirectorySnapshot directory, long version, DateTimeOffset at)
    {
        var current = _current;
        if (current is null || version <= current.DirectoryVersion) return false;
        var applied = Applied.Build(current.Config with { Directory = directory.WithVersion(version) }, version, at);
        lock (_gate)
        {
            if (_current is null || version <= _current.DirectoryVersion) return false;
            _current = applied;
            return true;
        }
    }
}
