using AlertWorker.Domain.Lifecycle;

namespace AlertWorker.Storage;

/// <summary>Warnings, their chains and the notifications planned for them.</summary>
public interface IWarningStore
{
    /// <summary>What is stored about these keys (a document's own key and its references) and
    /// about the chains they belong to, as the lifecycle decision needs it.</summary>
    Task<IWarningHistory> LoadHistoryAsync(IEnumerable<string> keys, CancellationToken ct);

    /// <summary>
    /// Stores the warning row, the chain's new state (when the outcome joined or started one) and
    /// one planned notification per notice, all in one transaction. A key already stored is left
    /// as it is and nothing is written: returns false.
    /// </summary>
    Task<bool> SaveOutcomeAsync(WarningOutcome outcome, WarningChain? chain, string feedId, DateTimeOffset receivedAt, CancellationToken ct);
}
