using AlertWorker.Domain.Lifecycle;
using AlertWorker.Storage;

namespace AlertWorker.Warnings;

/// <summary>The worker's ledger: the history comes from the database and every outcome is stored
/// with its chain and planned notifications in one transaction.</summary>
public sealed class StoreWarningLedger(IWarningStore store, string feedId, DateTimeOffset receivedAt) : IWarningLedger
{
    public Task<IWarningHistory> LoadHistoryAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        store.LoadHistoryAsync(keys, ct);

    public Task<bool> RecordAsync(WarningOutcome outcome, WarningChain? chain, CancellationToken ct) =>
        store.SaveOutcomeAsync(outcome, chain, feedId, receivedAt, ct);
}
