namespace AlertWorker.Domain.Lifecycle;

/// <summary>How a chain moves on when an outcome is accepted: the state to store next.</summary>
public static class WarningChains
{
    /// <summary>
    /// The chain to store after <paramref name="outcome"/>: a new chain for <c>notify</c>, the
    /// chain moved on for <c>update</c>/<c>cancel</c>, and <paramref name="chain"/> unchanged for an
    /// ignored warning. <paramref name="chain"/> is the stored chain of <c>outcome.ChainKey</c>.
    /// </summary>
    public static WarningChain? Advance(WarningChain? chain, WarningOutcome outcome)
    {
        switch (outcome.Action)
        {
            case WarningAction.Ignored:
                return chain;
            case WarningAction.Notify:
                return new WarningChain
                {
                    ChainKey = outcome.ChainKey,
                    Keys = [outcome.Warning.Key],
                    Latest = outcome.Warning,
                    HazardPoints = outcome.HazardPoints,
                    Regions = outcome.Regions,
                    Notified = outcome.Recipients.Select(r => Told(r, outcome)).ToList(),
                };
        }

        if (chain is null || chain.ChainKey != outcome.ChainKey)
            throw new ArgumentException($"An {outcome.Action} of chain {outcome.ChainKey} needs that chain.", nameof(chain));

        var people = chain.Notified.ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        foreach (var recipient in outcome.Action == WarningAction.Update ? outcome.Recipients : [])
            people[recipient.PersonId] = Told(recipient, outcome);
        foreach (var id in outcome.Released)
            people[id] = people[id] with { Released = true };

        var moved = chain with
        {
            Keys = [.. chain.Keys, outcome.Warning.Key],
            Notified = people.Values.OrderBy(p => p.PersonId, StringComparer.Ordinal).ToList(),
        };
        return outcome.Action == WarningAction.Cancel
            ? moved with { Cancelled = true }
            : moved with { Latest = outcome.Warning, HazardPoints = outcome.HazardPoints, Regions = outcome.Regions };
    }

    private static NotifiedPerson Told(Recipient r, WarningOutcome outcome) =>
        new(r.PersonId, outcome.Warning.Level, r.HazardPoints, Released: false)
        {
            Roles = r.Roles,
            Channels = r.Channels,
            Fallback = r.Fallback,
        };
}
