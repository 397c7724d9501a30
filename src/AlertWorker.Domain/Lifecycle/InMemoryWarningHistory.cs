namespace AlertWorker.Domain.Lifecycle;

/// <summary>
/// The history <c>replay</c> keeps: starts empty, remembers every processed key (ignored ones
/// included) and every chain. Not thread-safe; one replay run owns it.
/// </summary>
public sealed class InMemoryWarningHistory : IWarningHistory
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WarningChain> _chains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _chainKeyOf = new(StringComparer.Ordinal);

    public bool HasSeen(string key) => _seen.Contains(key);

    public WarningChain? FindChain(string key) =>
        _chainKeyOf.TryGetValue(key, out var chainKey) ? _chains[chainKey] : null;

    /// <summary>Remembers a processed warning and stores its chain as it moves on; returns that chain
    /// (null for an ignored warning outside any chain).</summary>
    public WarningChain? Record(WarningOutcome outcome)
    {
        var chain = WarningChains.Advance(_chains.GetValueOrDefault(outcome.ChainKey), outcome);
        Keep(outcome, chain);
        return chain;
    }

    /// <summary>Remembers a processed warning with the chain already advanced for it
    /// (<see cref="WarningChains.Advance"/>), as a caller that computed it hands it over.</summary>
    public void Keep(WarningOutcome outcome, WarningChain? chain)
    {
        _seen.Add(outcome.Warning.Key);
        if (chain is null || outcome.Action == WarningAction.Ignored) return;
        _chains[chain.ChainKey] = chain;
        foreach (var key in chain.Keys) _chainKeyOf[key] = chain.ChainKey;
    }
}
