using AlertWorker.Domain.Lifecycle;

namespace AlertWorker.Storage;

/// <summary>The part of the stored history that one decision needs: the keys looked up that
/// were seen, and the chains those keys were accepted into.</summary>
internal sealed class StoredHistory(IReadOnlySet<string> seen, IReadOnlyList<WarningChain> chains) : IWarningHistory
{
    private readonly Dictionary<string, WarningChain> _chainByKey = chains
        .SelectMany(chain => chain.Keys.Select(key => (key, chain)))
        .ToDictionary(p => p.key, p => p.chain, StringComparer.Ordinal);

    public bool HasSeen(string key) => seen.Contains(key);

    public WarningChain? FindChain(string key) => _chainByKey.GetValueOrDefault(key);
}
