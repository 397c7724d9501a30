using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Warnings;

/// <summary>Where the intake reads what was stored before and keeps what it decided: the
/// database for the worker, memory for <c>replay</c>. The only difference between the two.</summary>
public interface IWarningLedger
{
    Task<IWarningHistory> LoadHistoryAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>Keeps the outcome and the chain it moved on to; false when the key was already kept.</summary>
    Task<bool> RecordAsync(WarningOutcome outcome, WarningChain? chain, CancellationToken ct);
}

/// <summary>The directory version's matcher and the policy in force, taken together.</summary>
public sealed record MatchingContext(Matcher Matcher, AlertPolicy Policy);

/// <summary>What one document gave: the parse result and one outcome per warning, in document order.</summary>
public sealed record IntakeResult(ParsedDocument Document, IReadOnlyList<WarningOutcome> Outcomes);

/// <summary>
/// The pipeline from a feed document to decided, kept outcomes: parse (pure), then for each
/// warning in document order the lifecycle and matching decision against what the ledger holds
/// (pure), then the ledger keeps it. The worker and <c>replay</c> both go through here.
/// </summary>
public static class WarningIntake
{
    public static async Task<IntakeResult> AcceptAsync(
        ReadOnlyMemory<byte> content,
        ParseOptions options,
        MatchingContext context,
        IWarningLedger ledger,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var document = DocumentParser.Parse(content, options);
        var outcomes = new List<WarningOutcome>(document.Warnings.Count);
        foreach (var warning in document.Warnings)
        {
            ct.ThrowIfCancellationRequested();
            var keys = warning.References.Select(r => r.Key).Prepend(warning.Key).ToHashSet(StringComparer.Ordinal);
            var history = await ledger.LoadHistoryAsync(keys, ct);
            var outcome = WarningPipeline.Process(warning, history, context.Matcher, context.Policy, now);
            var chain = WarningChains.Advance(history.FindChain(outcome.ChainKey), outcome);
            await ledger.RecordAsync(outcome, chain, ct);
            outcomes.Add(outcome);
        }
        return new IntakeResult(document, outcomes);
    }
}

/// <summary>The ledger of <c>replay</c>: starts empty, lives for one run, writes nothing.</summary>
public sealed class InMemoryWarningLedger : IWarningLedger
{
    private readonly InMemoryWarningHistory _history = new();

    public Task<IWarningHistory> LoadHistoryAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        Task.FromResult<IWarningHistory>(_history);

    public Task<bool> RecordAsync(WarningOutcome outcome, WarningChain? chain, CancellationToken ct)
    {
        var fresh = !_history.HasSeen(outcome.Warning.Key);
        _history.Keep(outcome, chain);
        return Task.FromResult(fresh);
    }
}
