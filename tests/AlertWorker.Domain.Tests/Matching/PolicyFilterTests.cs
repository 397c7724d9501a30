using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Policy;
using static AlertWorker.Domain.Tests.Matching.WarningBuilder;

namespace AlertWorker.Domain.Tests.Matching;

public class PolicyFilterTests
{
    private static LevelPolicy Level(Role[] roles, params Channel[] channels) =>
        new(roles.ToHashSet(), channels, null, []);

    private static string Show(Recipient r) =>
        $"{r.PersonId} [{string.Join(",", r.Roles.Select(x => x.ToName()))}] " +
        $"[{string.Join(",", r.Channels.Select(x => x.ToName()))}] [{string.Join(",", r.HazardPoints)}]" +
        (r.Fallback ? " fallback" : "") + (r.Exercise ? " exercise" : "");

    private static DirectoryBuilder Directory() => new DirectoryBuilder()
        .Region("51").Region("5101", "51")
        .Point("HP-1", "5101", 104, 30).Point("HP-2", "5101", 104.1, 30)
        .Person("P-phone", phone: true, email: false)
        .Person("P-mail", phone: false, email: true)
        .Person("P-both", phone: true, email: true);

    public static TheoryData<string, LevelPolicy, string[]> Rows => new()
    {
        // only the listed roles survive; the monitor is dropped
        { "role filter", Level([Role.PreventionLead], Channel.Sms),
            ["P-both [prevention-lead] [sms] [HP-2]"] },
        // one person = one recipient, roles and points merged and sorted
        { "merged", Level([Role.PreventionLead, Role.Monitor, Role.CountyDuty], Channel.Voice, Channel.Sms),
            ["P-both [county-duty,monitor,prevention-lead] [sms,voice] [HP-1,HP-2]", "P-phone [monitor] [sms,voice] [HP-1]"] },
        // an email-only person on an sms level gets email, flagged as a fallback
        { "fallback", Level([Role.TechnicalLead, Role.Monitor], Channel.Sms),
            ["P-both [monitor] [sms] [HP-1]", "P-mail [technical-lead] [email] [HP-1] fallback", "P-phone [monitor] [sms] [HP-1]"] },
        // a phone-only person on an email level falls back to sms and voice
        { "fallback phone", Level([Role.Monitor], Channel.Email),
            ["P-both [monitor] [email] [HP-1]", "P-phone [monitor] [sms,voice] [HP-1] fallback"] },
        // duty roles add no points
        { "duty", Level([Role.DutyOfficer], Channel.Email, Channel.Voice), ["P-mail [duty-officer] [email] []"] },
        // nobody listed
        { "no roles", Level([], Channel.Sms), [] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Apply_LevelPolicy_KeepsListedRolesAndChannels(string row, LevelPolicy level, string[] expected)
    {
        var (match, directory) = Matched();

        var recipients = PolicyFilter.Apply(match, level, directory.PeopleById, exercise: false);

        var shown = recipients.Select(Show).ToList();
        Assert.True(expected.SequenceEqual(shown), $"{row}: {string.Join(" | ", shown)}");
    }

    [Fact]
    public void Apply_LevelNotListed_NoRecipients()
    {
        var (match, directory) = Matched();

        Assert.Empty(PolicyFilter.Apply(match, null, directory.PeopleById, exercise: false));
    }

    [Fact]
    public void Apply_Exercise_FlagsEveryRecipient()
    {
        var (match, directory) = Matched();

        var recipients = PolicyFilter.Apply(match, Level([Role.Monitor], Channel.Sms), directory.PeopleById, exercise: true);

        Assert.Equal(2, recipients.Count);
        Assert.All(recipients, r => Assert.True(r.Exercise));
    }

    private static (MatchResult, DirectorySnapshot) Matched()
    {
        var directory = Directory()
            .Assign("P-phone", Role.Monitor, "HP-1")
            .Assign("P-both", Role.Monitor, "HP-1")
            .Assign("P-both", Role.PreventionLead, "HP-2")
            .Assign("P-both", Role.CountyDuty, "5101")
            .Assign("P-mail", Role.TechnicalLead, "HP-1")
            .Shift("P-mail", Role.DutyOfficer, Now.AddHours(-1), Now.AddHours(1))
            .Build();
        return (new Matcher(directory).Match(Alert(areas: Geocode("5101")), Now), directory);
    }
}
