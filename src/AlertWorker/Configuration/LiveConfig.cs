using AlertWorker.Warnings;

namespace AlertWorker.Configuration;

/// <summary>
/// The configuration the worker runs on now: the last valid one. A broken edit never replaces it;
/// its problems are kept here for <c>/healthz</c> (and later the board) until the folder is fixed.
/// </summary>
public sealed class LiveConfig
{
    /// <summary>One applied configuration, with the matcher built once for its directory version.</summary>
    public sealed record Applied(LoadedConfig Config, MatchingContext Matching, long DirectoryVersion, DateTimeOffset AppliedAt);

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
        _current = applied;
        _problems = [];
        LastFingerprint = fingerprint;
    }

    public void Reject(IReadOnlyList<ConfigProblem> problems, string fingerprint)
    {
        _problems = problems;
        LastFingerprint = fingerprint;
    }
}
