using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Policy;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Policy;

public class PolicyLoaderTests
{
    [Fact]
    public void Load_SamplePolicy_FollowsTheDomainRules()
    {
        var result = PolicyLoader.Load(SampleConfigFolder.SourcePath);

        Assert.Empty(result.Problems);
        var policy = result.Value!;
        var red = policy.For(Level.Red)!;
        Assert.Equal([Channel.Voice, Channel.Sms], red.Channels);
        Assert.Equal(TimeSpan.FromMinutes(10), red.AckWithin);
        Assert.Equal(Enum.GetValues<Role>().ToHashSet(), red.Roles.ToHashSet());
        Assert.Equal(
            [
                new EscalationStepPolicy(TimeSpan.FromMinutes(10), EscalationAction.Repeat, []),
                new EscalationStepPolicy(TimeSpan.FromMinutes(20), EscalationAction.Notify, [Role.TownshipDuty]),
                new EscalationStepPolicy(TimeSpan.FromMinutes(30), EscalationAction.Notify, [Role.CountyDuty, Role.DutyLeader]),
            ],
            red.Escalation.Select(s => s with { Notify = [.. s.Notify] }),
            new StepComparer());
        var blue = policy.For(Level.Blue)!;
        Assert.Equal([Channel.Email], blue.Channels);
        Assert.Equal(new HashSet<Role> { Role.TownshipDuty, Role.DutyOfficer }, blue.Roles.ToHashSet());
        Assert.Null(blue.AckWithin);
        Assert.Empty(blue.Escalation);
        Assert.Equal(TimeSpan.FromMinutes(60), policy.For(Level.Yellow)!.AckWithin);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.For(Level.Orange)!.AckWithin);
    }

    [Fact]
    public void Parse_LevelNotListed_NotifiesNobody()
    {
        var result = PolicyLoader.Parse("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n");

        Assert.True(result.IsValid);
        Assert.Null(result.Value.For(Level.Orange));
        Assert.Null(result.Value.For(Level.Red)!.AckWithin);
    }

    // Each YAML is one small policy with one mistake; expected: the one problem with its line.
    [Theory]
    // a duration in words
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: 10 minutes\n",
        "policy.yaml:5: red.ackWithin: '10 minutes' is not a duration (use e.g. 30s, 10m, 2h, 1d or PT10M)")]
    // a zero duration
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: PT0M\n",
        "policy.yaml:5: red.ackWithin: 'PT0M' must be longer than zero")]
    // a channel that does not exist
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [voice, fax]\n",
        "policy.yaml:4: red.channels: unknown channel 'fax' (use sms, voice or email)")]
    // a level name that does not exist
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n  purple:\n    roles: [monitor]\n    channels: [sms]\n",
        "policy.yaml:5: unknown level 'purple' (use red, orange, yellow or blue)")]
    // a role that does not exist
    [InlineData("levels:\n  red:\n    roles:\n      - monitor\n      - village-head\n    channels: [sms]\n",
        "policy.yaml:5: red.roles: unknown role 'village-head' (use prevention-lead, monitor, technical-lead, township-duty, county-duty, duty-officer, duty-leader)")]
    // no levels at all
    [InlineData("# nothing yet\nlevels_: {}\n",
        "policy.yaml:2: the file has no 'levels:' (a policy without levels notifies nobody)", "policy.yaml:2: top level: unknown key 'levels_' (expected levels)")]
    // an empty role list
    [InlineData("levels:\n  red:\n    roles: []\n    channels: [sms]\n",
        "policy.yaml:3: red.roles: the list is empty")]
    // a misspelt key
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channel: [sms]\n    channels: [sms]\n",
        "policy.yaml:4: level red: unknown key 'channel' (expected roles, channels, ackWithin, escalation)")]
    // no channels at all
    [InlineData("levels:\n  blue:\n    roles: [monitor]\n",
        "policy.yaml:3: level blue lists no channels")]
    // escalation steps out of order
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: 10m\n    escalation:\n      - after: 20m\n        action: repeat\n      - after: 10m\n        notify: [township-duty]\n",
        "policy.yaml:9: red.escalation: step after 10m must come later than the step before it (after 20m)")]
    // a step that neither repeats nor notifies
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: 10m\n    escalation:\n      - after: 10m\n",
        "policy.yaml:7: red.escalation: a step needs action: repeat or notify: [roles]")]
    // an unknown action
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: 10m\n    escalation:\n      - after: 10m\n        action: shout\n",
        "policy.yaml:8: red.escalation.action: unknown action 'shout' (use repeat, or give notify: [roles])")]
    // escalation to a point role
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: 10m\n    escalation:\n      - after: 10m\n        notify: [monitor]\n",
        "policy.yaml:8: red.escalation.notify: role 'monitor' cannot be notified by escalation (use township-duty, county-duty, duty-officer or duty-leader)")]
    // escalation where no answer is expected
    [InlineData("levels:\n  blue:\n    roles: [monitor]\n    channels: [email]\n    escalation:\n      - after: 10m\n        action: repeat\n",
        "policy.yaml:6: blue.escalation: escalation needs ackWithin (without it no answer is expected at this level)")]
    // a duration ISO 8601 cannot read
    [InlineData("levels:\n  red:\n    roles: [monitor]\n    channels: [sms]\n    ackWithin: 10m\n    escalation:\n      - after: PT1X\n        action: repeat\n",
        "policy.yaml:7: red.escalation.after: 'PT1X' is not a duration (use e.g. 30s, 10m, 2h, 1d or PT10M)")]
    // a key indented wrongly
    [InlineData("levels:\n  red:\n    roles: [monitor]\n   channels: [sms]\n",
        "policy.yaml:4: not valid YAML: While parsing a block mapping, did not find expected key.")]
    // an unclosed flow list that YamlDotNet's scanner fails on without a position
    [InlineData("levels:\n  red: [monitor\n  blue: x\n",
        "policy.yaml:2: not valid YAML: a bracket or quote opened here is not closed")]
    public void Parse_OneMistake_ReportsItWithItsLine(string yaml, params string[] expected)
    {
        var result = PolicyLoader.Parse(yaml);

        Assert.Equal(expected, result.Problems.Select(p => p.ToString()));
        Assert.Null(result.Value);
    }

    [Fact]
    public void Parse_RepeatedNames_AreKeptOnce()
    {
        var result = PolicyLoader.Parse("levels:\n  red:\n    roles: [monitor, monitor]\n    channels: [sms, SMS]\n");

        var red = result.Value!.For(Level.Red)!;
        Assert.Equal([Role.Monitor], red.Roles);
        Assert.Equal([Channel.Sms], red.Channels);
    }

    [Fact]
    public void Load_BrokenSampleCopy_ReportsEveryProblem()
    {
        using var config = new SampleConfigFolder();
        var text = File.ReadAllText(config.FullPath(PolicyLoader.FileName))
            .Replace("channels: [voice, sms]", "channels: [voice, pager]")
            .Replace("ackWithin: 60m", "ackWithin: an hour");
        config.Write(PolicyLoader.FileName, text);
        var lines = config.ReadLines(PolicyLoader.FileName);
        int LineOf(string part) => Array.FindIndex(lines, l => l.Contains(part, StringComparison.Ordinal)) + 1;

        var result = PolicyLoader.Load(config.Path);

        Assert.Equal(
        [
            $"policy.yaml:{LineOf("pager")}: red.channels: unknown channel 'pager' (use sms, voice or email)",
            $"policy.yaml:{LineOf("an hour")}: yellow.ackWithin: 'an hour' is not a duration (use e.g. 30s, 10m, 2h, 1d or PT10M)",
        ], result.Problems.Select(p => p.ToString()));
    }

    private sealed class StepComparer : IEqualityComparer<EscalationStepPolicy>
    {
        public bool Equals(EscalationStepPolicy? x, EscalationStepPolicy? y) =>
            x is not null && y is not null && x.After == y.After && x.Action == y.Action && x.Notify.SequenceEqual(y.Notify);

        public int GetHashCode(EscalationStepPolicy obj) => obj.After.GetHashCode();
    }
}
