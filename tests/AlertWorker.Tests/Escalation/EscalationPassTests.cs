using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Escalation;
using AlertWorker.Feeds;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Dispatch;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Escalation;

/// <summary>Escalation end to end on the sample county, on a fake clock: HP-0001 (中坝村, 双河乡) has
/// P-089 as prevention lead and P-090 as monitor; P-024 is 双河乡's township duty; P-001..P-003 the
/// county duty; P-014 the duty leader and P-006 the duty officer on shift at the start.</summary>
public class EscalationPassTests
{
    private static WarningOutcome RedAtHp0001(string identifier = "red-1", DateTimeOffset? expires = null)
    {
        var warning = Warning(identifier, Level.Red);
        if (expires is { } e) warning = warning with { Infos = [warning.Infos[0] with { Expires = e }] };
        PlannedNotice Point(string person, Role role) =>
            new(person, NoticeKind.Warning, Level.Red, [Channel.Voice, Channel.Sms], [role], ["HP-0001"], false, false);
        return new WarningOutcome
        {
            Warning = warning, Action = WarningAction.Notify, ChainKey = warning.Key, HazardPoints = ["HP-0001"],
            Notices = [Point("P-089", Role.PreventionLead), Point("P-090", Role.Monitor)],
        };
    }

    private static async Task<(DispatchHarness H, RecordingChannelSender Sms, RecordingChannelSender Voice)> SentRedAsync(SqlDialect dialect, WarningOutcome? outcome = null)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        var voice = new RecordingChannelSender(Channel.Voice);
        var h = await CreateAsync(dialect, null, sms, voice, new RecordingChannelSender(Channel.Email));
        await new AlertWorker.Storage.SqlDirectoryVersionStore(h.Db.Database).SaveAsync(new AlertWorker.Storage.NewDirectoryVersion(h.Directory, "test", null, Start, []), CancellationToken.None);
        outcome ??= RedAtHp0001();
        await h.SaveAsync(outcome, Storage.SampleWarnings.Chain(outcome));
        await h.DrainAsync();
        return (h, sms, voice);
    }

    private static Task<long> NotificationOf(DispatchHarness h, string personId) =>
        h.ScalarAsync<long>("SELECT id FROM notifications WHERE person_id = @P AND kind IN ('warning', 'levelRaised') ORDER BY id DESC LIMIT 1", new { P = personId });

    [Theory, SqliteData, PostgresData]
    public async Task Run_OneAnswersOneSilent_RepeatThenTownshipThenCountyAndLeader(SqlDialect dialect)
    {
        var (h, sms, voice) = await SentRedAsync(dialect);
        await using var _ = h;
        var answered = await NotificationOf(h, "P-089");
        var silent = await NotificationOf(h, "P-090");
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(AcknowledgeResult.Acknowledged,
            await h.Acknowledgements.AcknowledgeAsync(answered, AnswerMethod.Sms, "P-089", null, h.Clock.GetUtcNow(), CancellationToken.None));

        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(6));
        var before10 = await h.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_steps");
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(1));
        var repeatRound = await h.QueryAsync<(string Channel, string State)>("SELECT channel, state FROM deliveries WHERE notification_id = @Id AND round = 1 ORDER BY channel", new { Id = silent });
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(10));
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(10));
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(0, before10);
        Assert.Equal([("sms", "accepted"), ("voice", "accepted")], repeatRound);
        var record = (await h.Records.LoadAsync(RedAtHp0001().Warning.Key, CancellationToken.None))!;
        var steps = record.Notifications.Single(n => n.Id == silent).Steps;
        Assert.Equal(
            [
                (1, "repeat", Start.AddMinutes(10), new[] { "P-090" }),
                (2, "notify township-duty", Start.AddMinutes(20), new[] { "P-024" }),
                (3, "notify county-duty,duty-leader", Start.AddMinutes(30), new[] { "P-001", "P-002", "P-003", "P-014" }),
            ],
            steps.Select(s => (s.Step, s.Action, s.DoneAt, s.Targets.ToArray())));
        Assert.Empty(record.Notifications.Single(n => n.Id == answered).Steps);
        var notices = record.Notifications.Where(n => n.Kind == "escalation").ToList();
        Assert.Equal(["P-024", "P-001", "P-002", "P-003", "P-014"], notices.Select(n => n.PersonId));
        Assert.All(notices, n => Assert.Equal(silent, n.EscalationOf));
        Assert.Equal(notices.Skip(1).Select(n => n.Id), steps[2].Notices);
        // the township duty is told who is silent, their phone, their points and since when
        var toTownship = sms.Sent.Single(m => m.PersonId == "P-024");
        Assert.Contains("林小红（+8613800000090）自2026-06-14 06:00起未确认红色暴雨预警，涉及：中坝关门沟滑坡", toTownship.Text);
        // the silent person was called three times in all: the first send, the repeat... and never more
        Assert.Equal(2, voice.Sent.Count(m => m.PersonId == "P-090"));
        Assert.Single(voice.Sent, m => m.PersonId == "P-089");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_SilentPersonAnswersAfterTheTownshipWasTold_NoFurtherStepAndNoticesResolved(SqlDialect dialect)
    {
        var (h, _, _) = await SentRedAsync(dialect);
        await using var _ = h;
        var silent = await NotificationOf(h, "P-090");
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(20));
        await h.Acknowledgements.AcknowledgeAsync(silent, AnswerMethod.Voice, "P-090", null, h.Clock.GetUtcNow(), CancellationToken.None);

        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(30));

        Assert.Equal([1L, 2L], await h.QueryAsync<long>("SELECT step FROM escalation_steps WHERE notification_id = @Id ORDER BY step", new { Id = silent }));
        Assert.Equal(["resolved"], await h.QueryAsync<string>(
            "SELECT DISTINCT closed_reason FROM notifications WHERE kind = 'escalation' AND escalation_of = @Id", new { Id = silent }));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_TwiceAtTheSameTime_TakesEachStepOnce(SqlDialect dialect)
    {
        var (h, _, _) = await SentRedAsync(dialect);
        await using var _ = h;

        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(20));
        await h.Escalation.RunAsync(CancellationToken.None);

        Assert.Equal(4, await h.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_steps"));
        Assert.Equal(2, await h.ScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE kind = 'escalation'"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_NeverAcceptedByAProvider_NoEscalation(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms) { Respond = _ => new AlertWorker.Dispatch.SendOutcome.Transient("HTTP 503", null) };
        var voice = new RecordingChannelSender(Channel.Voice) { Respond = _ => new AlertWorker.Dispatch.SendOutcome.Transient("HTTP 503", null) };
        await using var h = await CreateAsync(dialect, null, sms, voice);
        await h.SaveAsync(RedAtHp0001());
        await h.DrainAsync();

        await h.AdvanceAndEscalateAsync(TimeSpan.FromHours(1));

        Assert.Equal(0, await h.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_steps"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_Expired_ClosesQuietlyWithoutSteps(SqlDialect dialect)
    {
        var (h, sms, _) = await SentRedAsync(dialect, RedAtHp0001(expires: Start.AddMinutes(8)));
        await using var _ = h;
        var sentBefore = sms.Sent.Count;

        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(15));

        Assert.Equal(["expired"], await h.QueryAsync<string>("SELECT DISTINCT closed_reason FROM notifications"));
        Assert.Equal(0, await h.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_steps"));
        Assert.Equal(sentBefore, sms.Sent.Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_SampleUpdateRaisesLevelThenCancel_OldCycleSupersededNewOneEscalatesCancelStopsIt(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        var voice = new RecordingChannelSender(Channel.Voice);
        await using var h = await CreateAsync(dialect, null, sms, voice, new RecordingChannelSender(Channel.Email));
        string Sample(string name) => File.ReadAllText(Path.Combine(SampleConfigFolder.SourcePath, "samples", name));
        await h.AcceptAsync(Sample("qinglan-1-rainstorm-orange.xml"));
        await h.DrainAsync();
        var orange = await h.QueryAsync<long>("SELECT id FROM notifications WHERE kind = 'warning' AND answer_expected");

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var update = await h.AcceptAsync(Sample("qinglan-2-rainstorm-red-update.xml"));
        await h.DrainAsync();
        var raised = update.Outcomes.Single().Notices.Where(n => n.Kind == NoticeKind.LevelRaised).Select(n => n.PersonId).ToHashSet();
        var superseded = await h.QueryAsync<string>("SELECT person_id FROM notifications WHERE closed_reason = 'superseded'");
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(10));
        var stepsOnOld = await h.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM escalation_steps WHERE {dialect.InList("notification_id", "@Ids")}", new { Ids = orange.ToArray() });
        var stepsOnNew = await h.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_steps s JOIN notifications n ON n.id = s.notification_id WHERE n.kind = 'levelRaised'");

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var cancel = await h.AcceptAsync(Sample("qinglan-3-rainstorm-cancel.xml"));
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(30));

        Assert.NotEmpty(raised);
        Assert.Equal(raised.Order(), superseded.Order());
        Assert.Equal(0, stepsOnOld);
        Assert.True(stepsOnNew > 0, "the new red cycle escalates after 10 minutes");
        Assert.Equal(WarningAction.Cancel, cancel.Outcomes.Single().Action);
        Assert.Equal(0, await h.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_steps WHERE done_at > @At",
            new { At = Start.AddMinutes(16) }));
        Assert.Equal(0, await h.ScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE state IN ('planned', 'sent') AND kind <> 'released' AND chain_key = @Chain",
            new { Chain = cancel.Outcomes.Single().ChainKey }));
        var released = cancel.Outcomes.Single().Released;
        Assert.Equal(released.Order(), sms.Sent.Where(m => m.Text.StartsWith("解除通知", StringComparison.Ordinal) || m.Text.StartsWith("All clear", StringComparison.Ordinal))
            .Select(m => m.PersonId).Distinct().Order());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Run_FeedStale_AlarmsTheDutyOfficerOncePerEpisode(SqlDialect dialect)
    {
        var sms = new RecordingChannelSender(Channel.Sms);
        await using var h = await CreateAsync(dialect, null, sms, new RecordingChannelSender(Channel.Voice));
        await h.FeedHealth.SaveAsync(new FeedHealth { FeedId = Feed.Id, LastAttempt = Start, LastSuccess = Start }, CancellationToken.None);

        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(15));
        var atStaleAfter = await h.ScalarAsync<long>("SELECT COUNT(*) FROM warnings");
        await h.AdvanceAndEscalateAsync(TimeSpan.FromSeconds(1));
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(1));
        var firstEpisode = await h.QueryAsync<string>("SELECT key FROM warnings");
        await h.FeedHealth.SaveAsync(new FeedHealth { FeedId = Feed.Id, LastAttempt = h.Clock.GetUtcNow(), LastSuccess = h.Clock.GetUtcNow() }, CancellationToken.None);
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(10));
        var recovered = await h.ScalarAsync<long>("SELECT COUNT(*) FROM warnings");
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(6));

        Assert.Equal(0, atStaleAfter);
        Assert.Equal(["system|feed-stale|qinglan-met-cap|2026-06-13T22:00:00Z"], firstEpisode);
        Assert.Equal(1, recovered);
        Assert.Equal(2, await h.ScalarAsync<long>("SELECT COUNT(*) FROM warnings"));
        // one alarm notification per episode, to the duty officer on shift (a red alarm: it escalates like one)
        var alarms = sms.Sent.Where(m => m.Text.Contains("数据源 qinglan-met-cap")).DistinctBy(m => m.NotificationId).ToList();
        Assert.Equal(["P-006", "P-006"], alarms.Select(m => m.PersonId));
        var record = await h.Records.LoadAsync(firstEpisode[0], CancellationToken.None);
        Assert.Equal(("P-006", "sent", true), (record!.Notifications.Single().PersonId, record.Notifications.Single().State,
            record.Notifications.Single().Roles.SequenceEqual(["duty-officer"])));
    }
}
