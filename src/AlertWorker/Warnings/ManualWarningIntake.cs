using AlertWorker.Configuration;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using Microsoft.Extensions.Options;

namespace AlertWorker.Warnings;

/// <summary>What became of a warning entered by hand: the intake's outcome, or one line saying why
/// nothing was taken in (no valid configuration; the document refused, which a form that passed its
/// check should never cause).</summary>
public sealed record ManualIntakeResult(WarningOutcome? Outcome, string? Error);

/// <summary>Why a Cancel was not even written.</summary>
public enum ManualCancelRefusal { UnknownWarning, NotEnteredByHand, AlreadyCancelled }

/// <summary>
/// Warnings a duty officer enters by hand (phone, fax, a drill) and their Cancel: each is written out as a
/// CAP 1.2 document (<see cref="CapWriter"/>) and handed to the same intake as a polled feed document
/// (<see cref="FeedDocumentHandler.AcceptAsync"/>: parse, lifecycle and matching, stored with its planned
/// notifications in one transaction, then sent and escalated like any other), under the feed id
/// <see cref="ManualWarnings.FeedId"/>.
/// </summary>
public sealed class ManualWarningIntake(
    FeedDocumentHandler intake,
    IWarningStore store,
    TimeProvider time,
    IOptions<AlertWorkerOptions> options,
    ILogger<ManualWarningIntake> logger)
{
    public Task<ManualIntakeResult> EnterAsync(WarningEntry entry, string userName, CancellationToken ct) =>
        AcceptAsync(ManualWarnings.Entered(entry, userName, options.Value.Zone), userName, ct);

    /// <summary>Cancels the chain <paramref name="key"/> belongs to, when it was entered by hand and is not
    /// cancelled yet; the refusal otherwise.</summary>
    public async Task<(ManualIntakeResult? Result, ManualCancelRefusal? Refusal)> CancelAsync(string key, string userName, CancellationToken ct)
    {
        var chain = (await store.LoadHistoryAsync([key], ct)).FindChain(key);
        if (chain is null) return (null, ManualCancelRefusal.UnknownWarning);
        if (!ManualWarnings.IsManual(chain.Latest)) return (null, ManualCancelRefusal.NotEnteredByHand);
        if (chain.Cancelled) return (null, ManualCancelRefusal.AlreadyCancelled);

        var now = time.GetUtcNow();
        var zone = options.Value.Zone;
        var cancel = ManualWarnings.CancelOf(chain.Latest, userName, ManualWarnings.NewIdentifier(now, zone), now, zone);
        return (await AcceptAsync(cancel, userName, ct), null);
    }

    private async Task<ManualIntakeResult> AcceptAsync(Warning warning, string userName, CancellationToken ct)
    {
        var document = CapWriter.Write(warning);
        if (await intake.AcceptAsync(ManualWarnings.FeedId, document, ParseOptions.Default, ct) is not { } result)
            return new ManualIntakeResult(null, FeedDocumentHandler.NoConfiguration);

        var refused = result.Document.DocumentError ?? result.Document.Rejections.FirstOrDefault()?.ToString();
        if (refused is not null || result.Outcomes.Count != 1)
        {
            logger.LogError("Warning {WarningKey} entered by {UserName} was refused by the intake: {Error}", warning.Key, userName, refused);
            return new ManualIntakeResult(null, refused ?? "the document held no warning");
        }

        var outcome = result.Outcomes[0];
        logger.LogInformation("Warning {WarningKey} ({MsgType}, {Status}) entered by hand by {UserName}: {Action}",
            warning.Key, warning.MsgType, warning.Status, userName, outcome.Action);
        return new ManualIntakeResult(outcome, null);
    }
}
