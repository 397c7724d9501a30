using System.Text;
using AlertWorker.Acknowledgement;
using AlertWorker.Cli;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Tests.Dispatch;
using Microsoft.Extensions.Configuration;
using static AlertWorker.Tests.Dispatch.DispatchHarness;

namespace AlertWorker.Tests.Cli;

public class RecordCommandTests
{
    /// <summary>Red at HP-0001 to its prevention lead P-089 and monitor P-090, sent at 06:00 (Beijing);
    /// P-089 answers by SMS at 06:03; P-090 stays silent and is called again at 06:10.</summary>
    private static async Task<DispatchHarness> SmallCaseAsync()
    {
        var h = await CreateAsync(null, new RecordingChannelSender(Channel.Sms), new RecordingChannelSender(Channel.Voice));
        await new AlertWorker.Storage.SqlDirectoryVersionStore(h.Db.Database).SaveAsync(new AlertWorker.Storage.NewDirectoryVersion(h.Directory, "test", null, Start, []), CancellationToken.None);
        var warning = Warning("red-1", Level.Red);
        PlannedNotice Point(string person, Role role) =>
            new(person, NoticeKind.Warning, Level.Red, [Channel.Voice, Channel.Sms], [role], ["HP-0001"], false, false);
        var outcome = new WarningOutcome
        {
            Warning = warning, Action = WarningAction.Notify, ChainKey = warning.Key,
            Notices = [Point("P-089", Role.PreventionLead), Point("P-090", Role.Monitor)],
        };
        await h.SaveAsync(outcome, Storage.SampleWarnings.Chain(outcome));
        await h.DrainAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.Acknowledgements.AcknowledgeAsync(1, AnswerMethod.Sms, "P-089", null, h.Clock.GetUtcNow(), CancellationToken.None);
        await h.AdvanceAndEscalateAsync(TimeSpan.FromMinutes(7));
        return h;
    }

    private static IConfiguration Settings(DispatchHarness h) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AlertWorker"] = h.Db.ConnectionString,
            ["AlertWorker:TimeZone"] = "Asia/Shanghai",
        })
        .Build();

    [Fact]
    public async Task Run_SmallCase_CsvWithBomExactly()
    {
        await using var h = await SmallCaseAsync();
        using var stdout = new MemoryStream();

        var exit = await RecordCommand.RunAsync(["--warning", "cma@example.cn|red-1"], stdout, TextWriter.Null, Settings(h));

        Assert.Equal(0, exit);
        var bytes = stdout.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "warning,notification,person,name,roles,kind,level,channels,exercise,sent,delivered,answered,answer_method,answered_by,answer_note,state,closed_reason,escalation_of,escalation_steps,flagged\r\n"
            + "cma@example.cn|red-1,1,P-089,黎玉兰,prevention-lead,warning,red,voice sms,no,2026-06-14 06:00:00,,2026-06-14 06:03:00,sms,P-089,,acknowledged,,,,\r\n"
            + "cma@example.cn|red-1,2,P-090,林小红,monitor,warning,red,voice sms,no,2026-06-14 06:00:00,,,,,,sent,,,#1 repeat @ 2026-06-14 06:10:00 -> P-090,\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task Run_Json_TimesInTheConfiguredZone()
    {
        await using var h = await SmallCaseAsync();
        using var stdout = new MemoryStream();

        var exit = await RecordCommand.RunAsync(["--warning", "cma@example.cn|red-1", "--format", "json"], stdout, TextWriter.Null, Settings(h));

        Assert.Equal(0, exit);
        var json = System.Text.Json.JsonDocument.Parse(stdout.ToArray()).RootElement;
        var silent = json.GetProperty("notifications")[1];
        Assert.Equal("2026-06-14T06:00:00+08:00", silent.GetProperty("sent").GetString());
        Assert.Equal("2026-06-14T06:10:00+08:00", silent.GetProperty("steps")[0].GetProperty("doneAt").GetString());
    }

    [Fact]
    public async Task Run_UnknownWarning_ExitOneWithAMessage()
    {
        await using var h = await SmallCaseAsync();
        var stderr = new StringWriter();

        var exit = await RecordCommand.RunAsync(["--warning", "nobody|nothing"], Stream.Null, stderr, Settings(h));

        Assert.Equal(1, exit);
        Assert.Equal("record: no warning 'nobody|nothing' is stored", stderr.ToString().Trim());
    }

    [Theory]
    // no key
    [InlineData("")]
    // a format that does not exist
    [InlineData("--warning a|b --format xml")]
    // an option nobody knows
    [InlineData("--warning a|b --verbose")]
    public async Task Run_BadArguments_Usage(string line)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var exit = await RecordCommand.RunAsync(args, Stream.Null, TextWriter.Null, new ConfigurationBuilder().Build());

        Assert.Equal(CommandLine.Usage, exit);
    }
}
