using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Tests.Matching;
using AlertWorker.Domain.Warnings;
using static AlertWorker.Domain.Tests.Matching.WarningBuilder;

namespace AlertWorker.Domain.Tests.Lifecycle;

public class WarningPipelineTests
{
    /// <summary>51 > 5101 > {510101: HP-1, 510102: HP-2}. P-1 monitors HP-1, P-2 monitors HP-2,
    /// P-3 is county duty of 5101 (email only), P-4 duty officer on shift.</summary>
    private static readonly Matcher World = new(new DirectoryBuilder()
        .Region("51").Region("5101", "51").Region("510101", "5101").Region("510102", "5101")
        .Point("HP-1", "510101", 104.0, 30.0).Point("HP-2", "510102", 104.5, 30.5)
        .Assign("P-1", Role.Monitor, "HP-1")
        .Assign("P-2", Role.Monitor, "HP-2")
        .Person("P-3", phone: false, email: true).Assign("P-3", Role.CountyDuty, "5101")
        .Shift("P-4", Role.DutyOfficer, Now.AddHours(-2), Now.AddHours(2))
        .Build());

    /// <summary>Red and orange: monitors, county duty, duty officer over sms+voice; yellow: monitors
    /// only over sms; blue not listed.</summary>
    private static readonly AlertPolicy Policy = new(new Dictionary<Level, LevelPolicy>
    {
        [Level.Red] = new(new HashSet<Role> { Role.Monitor, Role.CountyDuty, Role.DutyOfficer }, [Channel.Voice, Channel.Sms], null, []),
        [Level.Orange] = new(new HashSet<Role> { Role.Monitor, Role.CountyDuty, Role.DutyOfficer }, [Channel.Sms], null, []),
        [Level.Yellow] = new(new HashSet<Role> { Role.Monitor }, [Channel.Sms], null, []),
    });

    private static readonly WarningArea Township1 = Geocode("510101");
    private static readonly WarningArea Township2 = Geocode("510102");
    private static readonly WarningArea Nowhere = Box(0, 0, 1, 1);

    private static List<WarningOutcome> Run(params Warning[] warnings)
    {
        var history = new InMemoryWarningHistory();
        var outcomes = new List<WarningOutcome>();
        foreach (var warning in warnings)
        {
            var outcome = WarningPipeline.Process(warning, history, World, Policy, Now);
            history.Record(outcome);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private static string Show(WarningOutcome o) =>
        $"{o.Action.ToString().ToLowerInvariant()}" + (o.Reason is { } r ? $" {r}" : "") +
        $" to [{string.Join(",", o.Recipients.Select(x => x.PersonId))}]" +
        $" released [{string.Join(",", o.Released)}]" +
        $" notices [{string.Join(",", o.Notices.Select(n => $"{n.PersonId}:{n.Kind}"))}]";

    public static TheoryData<string, Warning[], string> Checks => new()
    {
        // a new red warning on township 1: its monitor, the county duty and the duty officer
        { "notify", [Alert(areas: Township1)],
            "notify to [P-1,P-3,P-4] released [] notices [P-1:Warning,P-3:Warning,P-4:Warning]" },
        // the same key again
        { "duplicate", [Alert(areas: Township1), Alert(areas: Township1)],
            "ignored Duplicate to [] released [] notices []" },
        // a key seen as an ignored draft is a duplicate too, before its status is looked at
        { "duplicate of ignored", [Alert(status: WarningStatus.Draft, areas: Township1), Alert(areas: Township1)],
            "ignored Duplicate to [] released [] notices []" },
        // Draft
        { "draft", [Alert(status: WarningStatus.Draft, areas: Township1)], "ignored Draft to [] released [] notices []" },
        // System
        { "system", [Alert(status: WarningStatus.System, areas: Township1)], "ignored System to [] released [] notices []" },
        // Test
        { "test", [Alert(status: WarningStatus.Test, areas: Township1)], "ignored Test to [] released [] notices []" },
        // an Ack message is system traffic
        { "ack", [Alert(msgType: MsgType.Ack, areas: Township1)], "ignored System to [] released [] notices []" },
        // status is checked before expiry
        { "test and expired", [Alert(status: WarningStatus.Test, expires: Now.AddMinutes(-1), areas: Township1)],
            "ignored Test to [] released [] notices []" },
        // expired a minute ago
        { "expired", [Alert(expires: Now.AddMinutes(-1), areas: Township1)], "ignored Expired to [] released [] notices []" },
        // expiry is checked before references
        { "expired cancel", [Alert(msgType: MsgType.Cancel, references: ["X"], expires: Now.AddMinutes(-1))],
            "ignored Expired to [] released [] notices []" },
        // a Cancel of nothing known
        { "cancel unknown", [Alert(msgType: MsgType.Cancel, references: ["X"], areas: Township1)],
            "ignored UnknownReference to [] released [] notices []" },
        // a Cancel of a key that was seen but ignored: it started no chain
        { "cancel of ignored", [Alert(status: WarningStatus.Draft, areas: Township1),
                Alert("W-2", msgType: MsgType.Cancel, references: ["W-1"])],
            "ignored UnknownReference to [] released [] notices []" },
        // references are checked before policy: a blue Cancel of nothing
        { "cancel unknown blue", [Alert(severity: Severity.Minor, msgType: MsgType.Cancel, references: ["X"])],
            "ignored UnknownReference to [] released [] notices []" },
        // an Update of nothing known is a new warning
        { "update unknown", [Alert(msgType: MsgType.Update, references: ["X"], areas: Township2)],
            "notify to [P-2,P-3,P-4] released [] notices [P-2:Warning,P-3:Warning,P-4:Warning]" },
        // ... and meets the policy checks as such
        { "update unknown blue", [Alert(severity: Severity.Minor, msgType: MsgType.Update, references: ["X"], areas: Township2)],
            "ignored BelowPolicy to [] released [] notices []" },
        // blue is not listed
        { "below policy", [Alert(severity: Severity.Minor, areas: Township1)], "ignored BelowPolicy to [] released [] notices []" },
        // no point, no region: nobody
        { "no recipients", [Alert(areas: Nowhere)], "ignored NoRecipients to [] released [] notices []" },
        // yellow lists monitors only: the county duty and the duty officer are dropped
        { "yellow", [Alert(severity: Severity.Moderate, areas: Township1)], "notify to [P-1] released [] notices [P-1:Warning]" },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void Process_LifecycleChecksInOrder_LastWarningDecided(string row, Warning[] warnings, string expected)
    {
        var outcome = Run(warnings)[^1];

        Assert.True(expected == Show(outcome), $"{row}: {Show(outcome)}");
        if (outcome.Action == WarningAction.Ignored)
        {
            Assert.Empty(outcome.HazardPoints);
            Assert.Empty(outcome.Recipients);
        }
    }

    private static Warning Update(string id, Severity severity = Severity.Extreme, DateTimeOffset? expires = null,
        params WarningArea[] areas) =>
        Alert(id, severity, msgType: MsgType.Update, references: ["W-1"], expires: expires, areas: areas);

    public static TheoryData<string, Warning, string> Updates => new()
    {
        // orange -> red on the same area: everyone told gets a new 叫应 cycle
        { "level raised", Update("U", Severity.Extreme, areas: Township1),
            "update to [P-1,P-3,P-4] released [] notices [P-1:LevelRaised,P-3:LevelRaised,P-4:LevelRaised]" },
        // the same content again: nobody is bothered
        { "same content", Update("U", Severity.Severe, areas: Township1),
            "update to [P-1,P-3,P-4] released [] notices []" },
        // only the expiry moved: a short notice for everyone
        { "expiry moved", Update("U", Severity.Severe, Now.AddHours(12), Township1),
            "update to [P-1,P-3,P-4] released [] notices [P-1:UpdateNotice,P-3:UpdateNotice,P-4:UpdateNotice]" },
        // the area moved to township 2: P-2 is new, P-1 is released, the others get a short notice
        { "area moved", Update("U", Severity.Severe, areas: Township2),
            "update to [P-2,P-3,P-4] released [P-1] notices [P-2:Warning,P-3:UpdateNotice,P-4:UpdateNotice,P-1:Released]" },
        // the area grew: P-2 is new, the others get a short notice
        { "area grew", Update("U", Severity.Severe, areas: [Township1, Township2]),
            "update to [P-1,P-2,P-3,P-4] released [] notices [P-1:UpdateNotice,P-2:Warning,P-3:UpdateNotice,P-4:UpdateNotice]" },
        // orange -> yellow: only monitors stay, with a short notice; the others are released
        { "level lowered", Update("U", Severity.Moderate, areas: Township1),
            "update to [P-1] released [P-3,P-4] notices [P-1:UpdateNotice,P-3:Released,P-4:Released]" },
        // lowered to an unlisted level: still an update, everyone released
        { "below policy", Update("U", Severity.Minor, areas: Township1),
            "update to [] released [P-1,P-3,P-4] notices [P-1:Released,P-3:Released,P-4:Released]" },
        // moved away from every point and region: still an update, everyone released
        { "nobody left", Update("U", Severity.Severe, areas: Nowhere),
            "update to [] released [P-1,P-3,P-4] notices [P-1:Released,P-3:Released,P-4:Released]" },
        // a Cancel: everyone told is released and is a recipient
        { "cancel", Alert("C", Severity.Unknown, msgType: MsgType.Cancel, references: ["W-1"]),
            "cancel to [P-1,P-3,P-4] released [P-1,P-3,P-4] notices [P-1:Released,P-3:Released,P-4:Released]" },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void Process_UpdateOrCancelOfKnownOrangeWarning_PlansChanges(string row, Warning change, string expected)
    {
        var outcomes = Run(Alert(severity: Severity.Severe, areas: Township1), change);

        Assert.True(expected == Show(outcomes[1]), $"{row}: {Show(outcomes[1])}");
        Assert.Equal(KeyOf("W-1"), outcomes[1].ChainKey);
    }

    [Fact]
    public void Process_UpdateThenCancel_ReleasesOnlyThoseStillConcerned()
    {
        var outcomes = Run(
            Alert(severity: Severity.Severe, areas: Township1),
            Update("U", Severity.Severe, areas: Township2),
            Alert("C", msgType: MsgType.Cancel, references: ["U"]));

        Assert.Equal("cancel to [P-2,P-3,P-4] released [P-2,P-3,P-4] notices [P-2:Released,P-3:Released,P-4:Released]", Show(outcomes[2]));
        Assert.Equal(["HP-2"], outcomes[2].HazardPoints);
    }

    [Fact]
    public void Process_ReleasedPersonBackInArea_GetsFullWarning()
    {
        var outcomes = Run(
            Alert(severity: Severity.Severe, areas: Township1),
            Update("U1", Severity.Severe, areas: Township2),
            Alert("U2", Severity.Severe, msgType: MsgType.Update, references: ["U1"], areas: Township1));

        Assert.Equal("update to [P-1,P-3,P-4] released [P-2] notices [P-1:Warning,P-3:UpdateNotice,P-4:UpdateNotice,P-2:Released]", Show(outcomes[2]));
    }

    [Fact]
    public void Process_LoweredThenRaised_RaisedAgainstWhatWasLastTold()
    {
        var outcomes = Run(
            Alert(severity: Severity.Extreme, areas: Township1),
            Update("U1", Severity.Moderate, areas: Township1),
            Alert("U2", Severity.Severe, msgType: MsgType.Update, references: ["U1"], areas: Township1));

        Assert.Equal("update to [P-1,P-3,P-4] released [] notices [P-1:LevelRaised,P-3:Warning,P-4:Warning]", Show(outcomes[2]));
    }

    [Fact]
    public void Process_ChangesOfCancelledChain_CancelReleasesNobodyUpdateIsNew()
    {
        var outcomes = Run(
            Alert(severity: Severity.Severe, areas: Township1),
            Alert("C1", msgType: MsgType.Cancel, references: ["W-1"]),
            Alert("C2", msgType: MsgType.Cancel, references: ["W-1"]),
            Update("U", Severity.Severe, areas: Township1));

        Assert.Equal("cancel to [] released [] notices []", Show(outcomes[2]));
        Assert.Equal("notify to [P-1,P-3,P-4] released [] notices [P-1:Warning,P-3:Warning,P-4:Warning]", Show(outcomes[3]));
        Assert.Equal(KeyOf("U"), outcomes[3].ChainKey);
    }

    [Fact]
    public void Process_Exercise_EveryRecipientAndNoticeFlagged()
    {
        var outcomes = Run(
            Alert(status: WarningStatus.Exercise, areas: Township1),
            Alert("C", status: WarningStatus.Exercise, msgType: MsgType.Cancel, references: ["W-1"]));

        Assert.Equal(WarningAction.Notify, outcomes[0].Action);
        Assert.All(outcomes.SelectMany(o => o.Recipients), r => Assert.True(r.Exercise));
        Assert.All(outcomes.SelectMany(o => o.Notices), n => Assert.True(n.Exercise));
        Assert.Equal(3, outcomes[1].Notices.Count);
    }

    [Fact]
    public void Process_Cancel_ReleasesOverTheChannelsOfTheWarning()
    {
        var outcomes = Run(Alert(areas: Township1), Alert("C", msgType: MsgType.Cancel, references: ["W-1"]));

        Assert.Equal(
            outcomes[0].Recipients.Select(r => (r.PersonId, string.Join(",", r.Channels), string.Join(",", r.Roles), r.Fallback)),
            outcomes[1].Recipients.Select(r => (r.PersonId, string.Join(",", r.Channels), string.Join(",", r.Roles), r.Fallback)));
        Assert.True(outcomes[1].Recipients.Single(r => r.PersonId == "P-3").Fallback);
    }
}
