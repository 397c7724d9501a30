using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Lifecycle;

/// <summary>
/// Takes one warning through the lifecycle (SPEC §6) and matching (SPEC §5): the single pure
/// decision shared by the worker and <c>replay</c>. Checks run in this order, the first that
/// applies decides: duplicate, status, expiry, references, policy.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Status: Draft, System and Test are ignored with their own reason. A CAP <c>Ack</c> or
/// <c>Error</c> msgType is a message between systems, not a warning: ignored as <c>system</c>.</item>
/// <item>References: an Update or Cancel resolves each reference to the chain it was accepted
/// into and takes the first chain that is not cancelled. An Update whose references are all
/// unknown, or name only cancelled chains, is a new warning (a lifted warning that is updated
/// must reach people again as a full warning). A Cancel with no known chain is ignored
/// (<c>unknown-reference</c>, also when it names a key that was seen but ignored, since that
/// started no chain); a Cancel of an already cancelled chain is accepted as <c>cancel</c> and
/// releases nobody (everyone was released already).</item>
/// <item>Policy: a new warning whose level the policy does not list is <c>below-policy</c>, one
/// that reaches nobody <c>no-recipients</c>. An Update of a known warning is always <c>update</c>
/// and a Cancel of a known warning always <c>cancel</c>, whatever their level: a lowered level
/// must still release people, and Cancel documents often carry no meaningful severity.</item>
/// </list>
/// </remarks>
public static class WarningPipeline
{
    public static WarningOutcome Process(
        Warning warning, IWarningHistory history, Matcher matcher, AlertPolicy policy, DateTimeOffset now)
    {
        if (history.HasSeen(warning.Key)) return Ignored(warning, IgnoreReason.Duplicate);
        if (StatusReason(warning) is { } status) return Ignored(warning, status);
        if (warning.IsExpiredAt(now)) return Ignored(warning, IgnoreReason.Expired);

        var chains = ReferencedChains(warning, history);
        var live = chains.FirstOrDefault(c => !c.Cancelled);
        switch (warning.MsgType)
        {
            case MsgType.Cancel when chains.Count == 0:
                return Ignored(warning, IgnoreReason.UnknownReference);
            case MsgType.Cancel:
                return NoticePlanner.Cancel(warning, live ?? chains[0]);
            case MsgType.Update when live is not null:
                var updated = matcher.Match(warning, now);
                return NoticePlanner.Update(warning, live, updated, Recipients(warning, updated, matcher, policy));
        }

        if (policy.For(warning.Level) is null) return Ignored(warning, IgnoreReason.BelowPolicy);
        var match = matcher.Match(warning, now);
        var recipients = Recipients(warning, match, matcher, policy);
        if (recipients.Count == 0)
            return Ignored(warning, IgnoreReason.NoRecipients) with { UnknownGeocodes = match.UnknownGeocodes };
        return NoticePlanner.New(warning, match, recipients);
    }

    private static IgnoreReason? StatusReason(Warning warning) => warning.Status switch
    {
        WarningStatus.Draft => IgnoreReason.Draft,
        WarningStatus.System => IgnoreReason.System,
        WarningStatus.Test => IgnoreReason.Test,
        _ when warning.MsgType is MsgType.Ack or MsgType.Error => IgnoreReason.System,
        _ => null,
    };

    /// <summary>The distinct chains the references were accepted into, in reference order.</summary>
    private static List<WarningChain> ReferencedChains(Warning warning, IWarningHistory history) =>
        warning.References
            .Select(r => history.FindChain(r.Key))
            .OfType<WarningChain>()
            .DistinctBy(c => c.ChainKey, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<Recipient> Recipients(
        Warning warning, MatchResult match, Matcher matcher, AlertPolicy policy) =>
        PolicyFilter.Apply(match, policy.For(warning.Level), matcher.Directory.PeopleById,
            exercise: warning.Status == WarningStatus.Exercise);

    private static WarningOutcome Ignored(Warning warning, IgnoreReason reason) => new()
    {
        Warning = warning,
        Action = WarningAction.Ignored,
        Reason = reason,
        ChainKey = warning.Key,
    };
}
