using System.Net;
using System.Text.RegularExpressions;
using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Policy;
using AlertWorker.Storage;
using AlertWorker.Web.Board;
using static AlertWorker.Tests.Web.Board.BoardScenario;

namespace AlertWorker.Tests.Web.Board;

/// <summary>The board's HTML on the real worker, a seeded database and a fake clock (no browser).</summary>
public partial class BoardEndpointsTests
{
    /// <summary>Everyone the red warning at 中坝村 reaches (see <see cref="BoardScenario"/>).</summary>
    private static readonly string[] RedRecipients = ["P-001", "P-002", "P-003", "P-005", "P-014", "P-024", "P-032", "P-089", "P-090", "P-091"];

    [Theory, SqliteData, PostgresData]
    public async Task Fragment_RedWarningSentFiveMinutesAgo_EveryRecipientPendingForFiveMinutes(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect);
        await s.AdvanceAsync(TimeSpan.FromMinutes(5));
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");

        var html = await s.Client.GetStringAsync(BoardPage.FragmentPath);

        var card = Card(html, RedKey);
        Assert.Contains("data-level=\"red\"", card);
        Assert.Equal(RedRecipients, Rows(card).Select(r => r.Person).Order());
        Assert.All(Rows(card), r => Assert.Equal("pending", r.Phase));
        Assert.Contains("未确认 5 分钟", Row(card, "P-090"));
        // the repeat call is the next step, due 10 minutes after the first send (09:00 in Beijing)
        Assert.Contains("下一步 09:10：再次呼叫本人", Row(card, "P-090"));
        Assert.Contains("林小红", Row(card, "P-090"));
        Assert.Contains("action=\"/api/notifications/", Row(card, "P-090"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Fragment_OneAnsweredOthersSilentTwentyOneMinutes_AnsweredHowAndEscalatedToWhom(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect);
        await s.AdvanceAsync(TimeSpan.FromMinutes(4));
        await s.AnswerAsync(RedKey, "P-089", AnswerMethod.Sms);
        await s.AdvanceAsync(TimeSpan.FromMinutes(10));
        await s.AdvanceAsync(TimeSpan.FromMinutes(7));
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");

        var card = Card(await s.Client.GetStringAsync(BoardPage.FragmentPath), RedKey);

        var answered = Row(card, "P-089");
        Assert.Contains("data-phase=\"answered\"", answered);
        Assert.Contains("已确认 09:04", answered);
        Assert.Contains("短信回复", answered);
        Assert.DoesNotContain("<form", answered);
        var silent = Row(card, "P-090");
        Assert.Contains("未确认 21 分钟", silent);
        Assert.Contains("再次呼叫本人", silent);
        // step 2 at 20 minutes told 双河乡's township duty, 乔亮
        Assert.Contains("通知乡镇值班：乔亮", silent);
        Assert.Contains("下一步 09:30：通知县值班、带班领导", silent);
        Assert.Contains("class=\"pending overdue\"", silent.Replace("ph-", ""));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Fragment_ConfirmedOnBehalf_ShowsByWhomAndTheNote(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect);
        await s.AdvanceAsync(TimeSpan.FromMinutes(6));
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");
        var id = await s.NotificationOfAsync(RedKey, "P-091");
        var token = TokenField().Match(await s.Client.GetStringAsync(BoardPage.FragmentPath)).Groups[1].Value;

        var confirm = await s.Client.PostAsync($"/api/notifications/{id}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["note"] = "09:06 值班员电话联系本人，已组织撤离", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        var row = Row(Card(await s.Client.GetStringAsync(BoardPage.FragmentPath), RedKey), "P-091");

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("data-phase=\"answered\"", row);
        Assert.Contains("值班员代确认（duty）", row);
        Assert.Contains("09:06 值班员电话联系本人，已组织撤离", row);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Fragment_DrillAndOrange_DrillInItsOwnSectionWithStatistics(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect);
        await s.AdvanceAsync(TimeSpan.FromMinutes(15));
        await s.ReceiveOrangeAndDrillAsync();
        await s.DispatchAsync();
        await s.AdvanceAsync(TimeSpan.FromMinutes(2));
        await s.AnswerAsync(DrillKey, "P-111", AnswerMethod.Voice);
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");

        var html = await s.Client.GetStringAsync(BoardPage.FragmentPath);

        var drills = html.IndexOf("class=\"drills\"", StringComparison.Ordinal);
        Assert.True(html.IndexOf(Attr(RedKey), StringComparison.Ordinal) < drills, "the red warning is among the active ones");
        Assert.True(html.IndexOf(Attr(OrangeKey), StringComparison.Ordinal) < drills, "the orange warning is among the active ones");
        Assert.True(html.IndexOf(Attr(DrillKey), StringComparison.Ordinal) > drills, "the drill is in the drill section");
        var drill = Card(html, DrillKey);
        Assert.Contains("data-level=\"yellow\"", drill);
        Assert.Contains("演练", drill);
        var expected = Rows(drill).Count(r => r.Phase is "pending" or "answered");
        Assert.Contains($"<b>1</b>已确认", drill);
        Assert.Contains($"<b>{expected - 1}</b>未确认", drill);
        Assert.Contains($"<b>{(int)Math.Round(100.0 / expected)}%</b>确认率", drill);
        Assert.Contains("未确认 2 分钟", Card(html, OrangeKey));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Fragment_SampleConfig_FeedsDutyRosterGapAndOutbox(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect);
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");

        var html = await s.Client.GetStringAsync(BoardPage.FragmentPath);

        // the missing file fails at once and has never succeeded: stale, in red
        Assert.Matches($"<tr class=\"stale\" data-feed=\"{BrokenFeed}\">", html);
        Assert.Matches($"<tr class=\"fresh\" data-feed=\"{RedFeed}\">", html);
        // on shift on 10 July 2026 at 09:00: 潘超 (duty officer) and 万强 (duty leader)
        Assert.Contains("<th>值班员</th><td><b>潘超</b>", html);
        Assert.Contains("<th>带班领导</th><td><b>万强</b>", html);
        Assert.Contains("带班领导：2026-07-12 08:00 – 2026-07-13 08:00", html);
        Assert.Contains("未配置短信/语音/邮件服务，消息仅写入本地发件箱，并未真正发出", html);
        Assert.Contains("今日写入发件箱", html);
    }

    [Fact]
    public async Task Board_English_PageInEnglishAndRemembered()
    {
        await using var s = await StartAsync();
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");

        var page = await s.Client.GetStringAsync("/?lang=en");
        var again = await s.Client.GetStringAsync(BoardPage.FragmentPath);

        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains("Active warnings", page);
        Assert.Contains("nothing is really sent", page);
        Assert.Contains("no answer for 0 min", again);
    }

    [Fact]
    public async Task Board_Anonymous_RedirectsToLogin()
    {
        await using var s = await StartAsync();

        var page = await s.Client.GetAsync("/");
        var fragment = await s.Client.GetAsync(BoardPage.FragmentPath);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, fragment.StatusCode);
    }

    [Fact]
    public async Task Fragment_HtmxPollAfterTheSessionEnded_401AndHxRedirectToLoginBackToThePage()
    {
        await using var s = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, BoardPage.FragmentPath + "?lang=en");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Current-URL", new Uri(s.BaseAddress, "/?lang=en").ToString());

        var response = await s.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2F%3Flang%3Den", response.Headers.GetValues("HX-Redirect").Single());
    }

    [Fact]
    public async Task Script_LoggedIn_ServesHtmxFromTheBinary()
    {
        await using var s = await StartAsync();
        await s.LogInAsync(s.Client, "duty", "qinglan-duty");

        var response = await s.Client.GetAsync(BoardPage.ScriptPath);
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("/*! htmx 2.0.4", script);
        Assert.Contains("htmx", script[200..]);
    }

    [Theory]
    // a duty officer may not see the admin page
    [InlineData("duty", "qinglan-duty", HttpStatusCode.Forbidden)]
    // an admin may
    [InlineData("admin", "qinglan-admin", HttpStatusCode.OK)]
    public async Task Admin_ByRole_OnlyAdminsGetThePolicy(string user, string password, HttpStatusCode expected)
    {
        await using var s = await StartAsync();
        await s.LogInAsync(s.Client, user, password);

        var response = await s.Client.GetAsync("/admin");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
            Assert.Contains("<tr data-level=\"red\"><th>红色</th>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void OutboxBanner_OnlyWhenAChannelIsOnTheOutbox()
    {
        var view = new BoardView(T0, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), "duty", [], [],
            [(Channel.Sms, "twilio"), (Channel.Voice, "twilio"), (Channel.Email, "smtp")], [], new Dictionary<Channel, int>(), [],
            new DutyView([], []), []);
        var t = new BoardText(false, view.Zone, T0);

        var allSent = BoardPage.Fragment(view, t, "");
        var emailOnOutbox = BoardPage.Fragment(view with { OnOutbox = [Channel.Email] }, t, "");

        Assert.DoesNotContain("outbox-banner", allSent);
        Assert.Contains("id=\"outbox-banner\"", emailOnOutbox);
        Assert.Contains("并未真正发出</strong> <span>(邮件)</span>", emailOnOutbox);
    }

    private static string Attr(string key) => $"data-key=\"{WebUtility.HtmlEncode(key)}\"";

    /// <summary>The card of one warning.</summary>
    private static string Card(string html, string key)
    {
        var start = html.IndexOf(Attr(key), StringComparison.Ordinal);
        Assert.True(start >= 0, $"no card for {key}");
        start = html.LastIndexOf("<article", start, StringComparison.Ordinal);
        return html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    private static List<(string Person, string Phase)> Rows(string card) =>
        RowStart().Matches(card).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    private static string Row(string card, string personId)
    {
        var start = card.IndexOf($"data-person=\"{personId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {personId}");
        start = card.LastIndexOf("<tr", start, StringComparison.Ordinal);
        return card[start..card.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr id=\"n-\\d+\" class=\"[^\"]*\" data-person=\"([^\"]+)\" data-phase=\"([^\"]+)\"")]
    private static partial Regex RowStart();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
