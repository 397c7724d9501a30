using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using static AlertWorker.Domain.Tests.Matching.WarningBuilder;

namespace AlertWorker.Domain.Tests.Lifecycle;

public class InMemoryWarningHistoryTests
{
    private static Recipient Recipient(string id, params string[] points) =>
        new(id, [Role.Monitor], [Channel.Sms], points, false, false);

    private static WarningOutcome Outcome(Warning warning, WarningAction action, string chainKey,
        Recipient[]? recipients = null, string[]? released = null) => new()
    {
        Warning = warning,
        Action = action,
        ChainKey = chainKey,
        Reason = action == WarningAction.Ignored ? IgnoreReason.Draft : null,
        Recipients = recipients ?? [],
        Released = released ?? [],
        HazardPoints = (recipients ?? []).SelectMany(r => r.HazardPoints).Order().ToList(),
    };

    [Fact]
    public void Record_IgnoredWarning_SeenButNoChain()
    {
        var history = new InMemoryWarningHistory();
        var draft = Alert(status: WarningStatus.Draft);

        var chain = history.Record(Outcome(draft, WarningAction.Ignored, draft.Key));

        Assert.Null(chain);
        Assert.True(history.HasSeen(draft.Key));
        Assert.Null(history.FindChain(draft.Key));
        Assert.False(history.HasSeen(KeyOf("other")));
    }

    [Fact]
    public void Record_NotifyUpdateCancel_ChainMovesOn()
    {
        var history = new InMemoryWarningHistory();
        var alert = Alert(severity: Severity.Severe);
        var update = Alert("U", Severity.Extreme, msgType: MsgType.Update, references: ["W-1"]);
        var cancel = Alert("C", msgType: MsgType.Cancel, references: ["U"]);

        history.Record(Outcome(alert, WarningAction.Notify, alert.Key, [Recipient("P-1", "HP-1"), Recipient("P-2", "HP-2")]));
        var updated = history.Record(Outcome(update, WarningAction.Update, alert.Key, [Recipient("P-1", "HP-1")], ["P-2"]));
        var cancelled = history.Record(Outcome(cancel, WarningAction.Cancel, alert.Key, [Recipient("P-1", "HP-1")], ["P-1"]));

        Assert.Equal("P-1:Red:False P-2:Orange:True",
            string.Join(" ", updated!.Notified.Select(p => $"{p.PersonId}:{p.Level}:{p.Released}")));
        Assert.Same(update, updated.Latest);
        Assert.Equal(["HP-1"], updated.HazardPoints);
        Assert.True(cancelled!.Cancelled);
        Assert.Same(update, cancelled.Latest);
        Assert.All(cancelled.Notified, p => Assert.True(p.Released));
        Assert.Equal([alert.Key, update.Key, cancel.Key], cancelled.Keys);
        Assert.Same(cancelled, history.FindChain(update.Key));
        Assert.Same(cancelled, history.FindChain(cancel.Key));
    }

    [Fact]
    public void Advance_UpdateWithoutChain_Throws()
    {
        var update = Alert("U", msgType: MsgType.Update, references: ["W-1"]);

        Assert.Throws<ArgumentException>(() =>
            WarningChains.Advance(null, Outcome(update, WarningAction.Update, KeyOf("W-1"))));
    }
}
