using System.Net;
using System.Text.RegularExpressions;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Storage;
using AlertWorker.Tests.Acknowledgement;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Dispatch.Channels;
using AlertWorker.Tests.Storage;
using AlertWorker.Tests.Web;
using MimeKit;

namespace AlertWorker.Tests.EndToEnd;

/// <summary>
/// Issue 3, email must-show, on the real worker and its real stores: the dispatcher sends through
/// MailKit to a real SMTP server in the test process; the message has the zh-CN text and the answer
/// link; GET of the link does not answer, its POST does; a tampered or expired link is refused and
/// nothing changes.
/// </summary>
public class EmailEndToEndTests
{
    private static readonly string[] AnswerTables = ["notifications", "deliveries", "delivery_attempts", "inbound_messages"];

    [Fact]
    public async Task Email_TwoCountyDuties_LinkShowsOnGetAnswersOnPostTamperedAndExpiredRefused()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        using var config = new SampleConfigFolder();
        config.Write("feeds.yaml", "feeds: []\n");
        await using var worker = await EndToEndWorker.StartAsync(SampleWarnings.Sent.AddMinutes(30), config,
            "--Smtp:Host=127.0.0.1",
            $"--Smtp:Port={smtp.Port}",
            "--Smtp:From=青岚县预警 <alerts@qinglan.example>",
            "--Smtp:Security=None",
            "--Dispatch:AnswerLinkLifetime=00:05:00");

        // an orange warning to two county duty officers by email, stored as the worker stores an outcome
        PlannedNotice ByEmail(string person) => SampleWarnings.Notice(person) with { Channels = [Channel.Email], Roles = [Role.CountyDuty] };
        var outcome = SampleWarnings.Notify(SampleWarnings.Warning("email-1"), ByEmail("P-001"), ByEmail("P-002"));
        await worker.Service<IWarningStore>().SaveOutcomeAsync(outcome, SampleWarnings.Chain(outcome), "cma", worker.Clock.GetUtcNow(), CancellationToken.None);
        var ids = await worker.QueryAsync<(long Id, string PersonId)>("SELECT id, person_id FROM notifications ORDER BY person_id");
        var mails = await worker.NudgeUntilAsync(() => Task.FromResult(smtp.Messages.ToList()), m => m.Count == 2, "both emails at the SMTP server");

        var mail = mails.Single(m => m.To.Mailboxes.Single().Address == "yjj.p-001@qinglan.example");
        Assert.Equal("橙色暴雨预警：暴雨橙色预警", mail.Subject);
        var text = (mail.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.StartsWith("范永福您好：\n\n橙色暴雨预警：暴雨橙色预警\n预警区域：某县\n", text);
        Assert.Contains("请打开以下链接确认收到（叫应）：", text);
        var link = LinkIn(worker, mail);
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody);
        var path = new Uri(link).AbsolutePath;
        var otherPath = new Uri(LinkIn(worker, mails.Single(m => m != mail))).AbsolutePath;

        // GET shows the page and answers nothing
        var page = await worker.Browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("暴雨橙色预警", await page.Content.ReadAsStringAsync());
        Assert.Empty(await StoredAnswer.ListAsync(worker.Db.Database));

        // the page's POST answers, by email, as the person
        var token = await worker.Browser.FormTokenAsync(path);
        var posted = await worker.Browser.PostFormAsync(path, (BrowserClient.AntiforgeryField, token));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal([StoredAnswer.Answered(ids[0].Id, worker.Clock.GetUtcNow(), "email", "P-001")], await StoredAnswer.ListAsync(worker.Db.Database));

        // the other link, one character changed: refused, nothing changes
        var before = await worker.Db.SnapshotAsync(AnswerTables);
        var tampered = otherPath[..^2] + (otherPath[^2] == 'A' ? 'B' : 'A') + otherPath[^1];
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.Browser.GetAsync(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.Browser.PostFormAsync(tampered, (BrowserClient.AntiforgeryField, token))).StatusCode);
        Assert.Equal(before, await worker.Db.SnapshotAsync(AnswerTables));

        // the other link, untouched but past its five minutes: refused, nothing changes
        worker.AdvanceTo(worker.Clock.GetUtcNow().AddMinutes(6));
        before = await worker.Db.SnapshotAsync(AnswerTables);
        Assert.Equal(HttpStatusCode.Gone, (await worker.Browser.GetAsync(otherPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await worker.Browser.PostFormAsync(otherPath, (BrowserClient.AntiforgeryField, token))).StatusCode);
        Assert.Equal(before, await worker.Db.SnapshotAsync(AnswerTables));
        Assert.Equal("sent", (await StoredAnswer.OfAsync(worker.Db.Database, ids[1].Id)).State);
    }

    /// <summary>The answer link in the plain text of a message: the worker's public URL, <c>/a/</c>, the token.</summary>
    private static string LinkIn(EndToEndWorker worker, MimeMessage mail) =>
        Regex.Match(mail.TextBody ?? "", Regex.Escape(worker.PublicBaseUrl) + "/a/[A-Za-z0-9_-]+") is { Success: true } match
            ? match.Value
            : throw new Xunit.Sdk.XunitException($"no answer link in: {mail.TextBody}");
}
