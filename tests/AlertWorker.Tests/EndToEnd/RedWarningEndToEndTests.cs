using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AlertWorker.Cli;
using AlertWorker.Tests.Acknowledgement;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Dispatch.Channels;
using AlertWorker.Tests.Web.Webhooks;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AlertWorker.Tests.EndToEnd;

/// <summary>
/// Issue 3, first must-show, on the real worker: a red CAP warning served by a WireMock feed is
/// polled, its SMS and calls reach a WireMock Twilio stand-in as Twilio's API receives them, a signed
/// status callback fills "delivered", a signed SMS "收到" answers for A, and B's silence is chased:
/// called again, then the township duty, then the county duty and the duty leader on shift, every
/// step in the 叫应 record with its time.
/// </summary>
public partial class RedWarningEndToEndTests
{
    private const string WarningKey = "青岚县气象台|51182941600000_20260710095000_0";
    private const string FeedPath = "/cap/qinglan-red-rainstorm.xml";
    private const string A = "P-089";
    private const string B = "P-090";

    /// <summary>10:00 in Qinglan (+08:00), ten minutes after the warning was sent; P-005 is the duty officer
    /// and P-014 the duty leader on shift.</summary>
    private static readonly DateTimeOffset Start = new(2026, 7, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Everyone the warning reaches over HP-0001 (sample directory): name and phone.</summary>
    private static readonly Dictionary<string, (string Name, string Phone)> Recipients = new()
    {
        ["P-001"] = ("范永福", "+8613800000001"), // county duty
        ["P-002"] = ("周春燕", "+8613800000002"), // county duty
        ["P-003"] = ("徐平", "+8613800000003"), // county duty
        ["P-005"] = ("潘超", "+8613800000005"), // duty officer on shift
        ["P-014"] = ("万强", "+8613800000014"), // duty leader on shift
        ["P-024"] = ("乔亮", "+8613800000024"), // township duty of 双河乡
        ["P-032"] = ("龙琳", "+8613800000032"), // technical lead of HP-0001
        [A] = ("黎玉兰", "+8613800000089"), // prevention lead of HP-0001
        [B] = ("林小红", "+8613800000090"), // monitor of HP-0001
    };

    private sealed record Sent(long NotificationId, string PersonId, string ShortCode, string Channel, string ProviderId, string FirstAcceptedAt);

    [Fact]
    public async Task RedWarning_AAnswersBStaysSilent_BCalledAgainThenTownshipThenCountyAndLeaderAllOnRecord()
    {
        using var feed = WireMockServer.Start();
        feed.Given(Request.Create().WithPath(FeedPath).UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/xml")
            .WithBody(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "qinglan-red-rainstorm.xml"))));
        using var twilio = new TwilioStandIn();
        twilio.AcceptAll();
        using var config = new SampleConfigFolder();
        config.Write("feeds.yaml",
            $"""
            feeds:
              - id: qinglan-met-red
                kind: cap
                url: {feed.Url}{FeedPath}
                interval: 1h
                timeout: 30s
                staleAfter: 2h
            """);
        await using var worker = await EndToEndWorker.StartAsync(Start, config,
            $"--Twilio:AccountSid={TwilioStandIn.AccountSid}",
            $"--Twilio:AuthToken={TwilioStandIn.AuthToken}",
            $"--Twilio:FromNumber={TwilioStandIn.FromNumber}",
            $"--Twilio:ApiBaseUrl={twilio.Server.Url}",
            "--Twilio:MessagesPerSecond=0",
            "--Twilio:CallsPerSecond=0");

        // polled, planned, sent: an SMS and a call to each of the nine, every one accepted and recorded
        var sent = await worker.NudgeUntilAsync(
            () => worker.QueryAsync<Sent>(
                """
                SELECT n.id AS NotificationId, n.person_id AS PersonId, n.short_code AS ShortCode, d.channel AS Channel,
                       d.provider_id AS ProviderId, n.first_accepted_at AS FirstAcceptedAt
                FROM deliveries d JOIN notifications n ON n.id = d.notification_id
                WHERE d.state = 'accepted' ORDER BY d.id
                """),
            rows => rows.Count == 2 * Recipients.Count, "an SMS and a call to each recipient accepted by the stand-in");
        Assert.Equal(Recipients.Keys.Order(), sent.Select(s => s.PersonId).Distinct().Order());
        var requests = twilio.Requests();
        Assert.Equal(2 * Recipients.Count, requests.Count);
        foreach (var person in new[] { A, B })
            AssertFirstSends(person, sent.First(s => s.PersonId == person), requests, worker.PublicBaseUrl);

        // a signed delivery report for B's SMS
        var bSms = sent.Single(s => s.PersonId == B && s.Channel == "sms");
        var deliveredAt = worker.Clock.GetUtcNow();
        var status = await worker.PostSignedAsync("/webhooks/twilio/status",
            TwilioWebhooksTests.MessageStatus("delivered", bSms.ProviderId, Recipients[B].Phone), TwilioStandIn.AuthToken);
        Assert.Equal(204, (int)status.StatusCode);

        // A answers "收到" by SMS; everyone else but B answers too (P-032 by pressing 1 during the call)
        var answeredAt = worker.Clock.GetUtcNow();
        var reply = await worker.PostSignedAsync("/webhooks/twilio/sms",
            TwilioWebhooksTests.InboundSms("SMinbound0a", Recipients[A].Phone, "收到"), TwilioStandIn.AuthToken);
        Assert.Contains("已确认收到", await reply.Content.ReadAsStringAsync());
        foreach (var (person, (_, phone)) in Recipients.Where(r => r.Key is not (A or B)))
        {
            var answer = person == "P-032"
                ? await worker.PostSignedAsync($"/webhooks/twilio/voice?n={sent.First(s => s.PersonId == person).NotificationId}",
                    TwilioWebhooksTests.KeyPress("1", sent.Single(s => s.PersonId == person && s.Channel == "voice").ProviderId, phone),
                    TwilioStandIn.AuthToken)
                : await worker.PostSignedAsync("/webhooks/twilio/sms", TwilioWebhooksTests.InboundSms($"SMinbound{person}", phone, "1"),
                    TwilioStandIn.AuthToken);
            Assert.Equal(200, (int)answer.StatusCode);
        }
        var aId = sent.First(s => s.PersonId == A).NotificationId;
        var bId = sent.First(s => s.PersonId == B).NotificationId;
        Assert.Equal(StoredAnswer.Answered(aId, answeredAt, "sms", A), await StoredAnswer.OfAsync(worker.Db.Database, aId));
        Assert.Equal(Recipients.Count - 1, (await StoredAnswer.ListAsync(worker.Db.Database)).Count);

        // B stays silent: ten minutes after B's first accepted send, B is called and texted again
        var since = DateTimeOffset.Parse(sent.First(s => s.PersonId == B).FirstAcceptedAt, CultureInfo.InvariantCulture);
        worker.AdvanceTo(since.AddMinutes(10));
        await worker.NudgeUntilAsync(() => Task.FromResult(twilio.Requests()), r => Count(r, B) == 4, "B called and texted again");
        // twenty minutes: the township duty of B's point, told who is silent
        worker.AdvanceTo(since.AddMinutes(20));
        var township = await worker.NudgeUntilAsync(() => Task.FromResult(twilio.Requests()), r => Count(r, "P-024") == 4, "the township duty notified");
        Assert.StartsWith($"叫应提醒：{Recipients[B].Name}（{Recipients[B].Phone}）自{Shown(since)[..16]}起未确认红色暴雨预警",
            township.Last(r => r.Path == TwilioStandIn.MessagesPath && r.Form["To"] == Recipients["P-024"].Phone).Form["Body"]);
        // thirty minutes: the county duty and the duty leader on shift
        worker.AdvanceTo(since.AddMinutes(30));
        var all = await worker.NudgeUntilAsync(() => Task.FromResult(twilio.Requests()),
            r => new[] { "P-001", "P-002", "P-003", "P-014" }.All(p => Count(r, p) == 4), "the county duty and the duty leader notified");
        Assert.Equal(2 * Recipients.Count + 2 + 2 * 5, all.Count);
        Assert.Equal(2, Count(all, A));

        // the 叫应 record of the warning, as `AlertWorker record --warning KEY --format csv` prints it
        var record = await RecordAsync(worker);
        var silent = record.Single(r => r["person"] == B && r["kind"] == "warning");
        Assert.Equal((Shown(since), Shown(deliveredAt), "", "sent"), (silent["sent"], silent["delivered"], silent["answered"], silent["state"]));
        var steps = StepsPattern().Match(silent["escalation_steps"]);
        Assert.True(steps.Success, silent["escalation_steps"]);
        for (var step = 1; step <= 3; step++)
        {
            var local = DateTime.ParseExact(steps.Groups[$"t{step}"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var done = new DateTimeOffset(local, Zone.GetUtcOffset(local));
            var due = since.AddMinutes(10 * step);
            Assert.InRange(done, due.AddSeconds(-1), due.AddMinutes(1));
        }
        var answered = record.Single(r => r["person"] == A);
        Assert.Equal((Shown(answeredAt), "sms", A, "acknowledged"), (answered["answered"], answered["answer_method"], answered["answered_by"], answered["state"]));
        var notices = record.Where(r => r["kind"] == "escalation").ToList();
        Assert.Equal([("P-024", $"{bId} #2"), ("P-001", $"{bId} #3"), ("P-002", $"{bId} #3"), ("P-003", $"{bId} #3"), ("P-014", $"{bId} #3")],
            notices.Select(n => (n["person"], n["escalation_of"])).OrderBy(n => n.Item2).ThenBy(n => n.Item1));
        Assert.All(notices, n => Assert.NotEqual("", n["sent"]));
    }

    /// <summary>B's and A's first SMS and call as the Twilio API received them.</summary>
    private static void AssertFirstSends(string person, Sent notification, IReadOnlyList<TwilioStandIn.Received> requests, string publicBaseUrl)
    {
        var (name, phone) = Recipients[person];
        var sms = Assert.Single(requests, r => r.Path == TwilioStandIn.MessagesPath && r.Form["To"] == phone);
        var call = Assert.Single(requests, r => r.Path == TwilioStandIn.CallsPath && r.Form["To"] == phone);
        foreach (var request in new[] { sms, call })
        {
            Assert.Equal($"{TwilioStandIn.AccountSid}:{TwilioStandIn.AuthToken}", request.Credentials);
            Assert.Equal(TwilioStandIn.FromNumber, request.Form["From"]);
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(publicBaseUrl)}/webhooks/twilio/status\?d=[0-9]+$", request.Form["StatusCallback"]);
        }
        // each names its own delivery
        Assert.NotEqual(sms.Form["StatusCallback"], call.Form["StatusCallback"]);
        Assert.StartsWith("红色暴雨预警：青岚县气象台发布暴雨红色预警[Ⅰ级/特别严重]。涉及：中坝关门沟滑坡。", sms.Form["Body"]);
        Assert.EndsWith($"请回复“收到 {notification.ShortCode}”确认。", sms.Form["Body"]);
        var gather = XElement.Parse(call.Form["Twiml"]!).Element("Gather")!;
        Assert.Equal($"{publicBaseUrl}/webhooks/twilio/voice?n={notification.NotificationId}", gather.Attribute("action")?.Value);
        Assert.All(gather.Elements("Say"), say => Assert.Equal("zh-CN", say.Attribute("language")?.Value));
        Assert.StartsWith($"{name}您好，这里是预警叫应系统。红色暴雨预警", gather.Elements("Say").First().Value);
    }

    private static int Count(IReadOnlyList<TwilioStandIn.Received> requests, string person) =>
        requests.Count(r => r.Form["To"] == Recipients[person].Phone);

    private static string Shown(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<List<Dictionary<string, string>>> RecordAsync(EndToEndWorker worker)
    {
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AlertWorker"] = worker.Db.ConnectionString,
            ["AlertWorker:TimeZone"] = "Asia/Shanghai",
        }).Build();
        Assert.Equal(0, await RecordCommand.RunAsync(["--warning", WarningKey, "--format", "csv"], stdout, stderr, settings));
        using var csv = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader(Encoding.UTF8.GetString(stdout.ToArray()).TrimStart('\uFEFF')))
        {
            Delimiters = [","],
            HasFieldsEnclosedInQuotes = true,
        };
        var header = csv.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.ReadFields() is { } fields)
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second));
        return rows;
    }

    [GeneratedRegex(@"^#1 repeat @ (?<t1>[0-9: -]+) -> P-090 \| #2 notify township-duty @ (?<t2>[0-9: -]+) -> P-024 \[\d+\] \| #3 notify county-duty,duty-leader @ (?<t3>[0-9: -]+) -> P-001 P-002 P-003 P-014 \[\d+ \d+ \d+ \d+\]$")]
    private static partial Regex StepsPattern();
}
