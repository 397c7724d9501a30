using AlertWorker.Acknowledgement;
using AlertWorker.Tests.Configuration;
using Microsoft.Playwright;
using static AlertWorker.Tests.Web.Board.BoardScenario;
using static Microsoft.Playwright.Assertions;

namespace AlertWorker.Tests.Web.Board;

/// <summary>The duty board in a real browser (issue 4, must show): log in, see, confirm on behalf;
/// admin pages closed to duty officers; the screenshots the README shows (docs/).</summary>
[Collection(BrowserCollection.Name)]
public class BoardBrowserTests(BrowserFixture browser)
{
    private Task<IPage> LoggedInAsync(BoardScenario s, string user, string password, string path = "/") =>
        browser.LogInAsync(s.BaseAddress, user, password, path);

    [BrowserFact]
    public async Task DutyOfficer_RedWarningWithPendingPerson_ConfirmsOnBehalfAndSeesThemAnswered()
    {
        await using var s = await StartAsync();
        await s.AdvanceAsync(TimeSpan.FromMinutes(5));
        var page = await LoggedInAsync(s, "duty", "qinglan-duty");

        var row = page.Locator("article[data-level=red] tr[data-person=P-090]");
        await Expect(row).ToHaveAttributeAsync("data-phase", "pending");
        await Expect(row.Locator("td.state")).ToContainTextAsync("未确认 5 分钟");
        await row.Locator("input[name=note]").FillAsync("09:05 值班员电话联系林小红，已组织群众撤离");
        await row.Locator("button[type=submit]").ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-phase", "answered");
        await Expect(row.Locator("td.state")).ToContainTextAsync("值班员代确认（duty）");
        await Expect(row.Locator("td.state")).ToContainTextAsync("09:05 值班员电话联系林小红，已组织群众撤离");
        await Expect(row.Locator("form")).ToHaveCountAsync(0);
        var record = await s.Service<AlertWorker.Escalation.IAnswerRecordStore>().LoadAsync(RedKey, CancellationToken.None);
        var answered = record!.Notifications.Single(n => n.PersonId == "P-090" && n.Kind == "warning");
        Assert.Equal(("onBehalf", "duty"), (answered.AnswerMethod, answered.AnsweredBy));
    }

    [BrowserFact]
    public async Task DutyOfficer_AdminPage_Refused()
    {
        await using var s = await StartAsync();
        var page = await LoggedInAsync(s, "duty", "qinglan-duty");
        await Expect(page.Locator("#board")).ToBeVisibleAsync();

        var response = await page.GotoAsync("/admin");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToContainTextAsync("无权打开此页面");
    }

    [BrowserFact]
    public async Task Admin_AdminPage_ShowsThePolicy()
    {
        await using var s = await StartAsync();
        var page = await LoggedInAsync(s, "admin", "qinglan-admin", "/admin");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await Expect(page.Locator("tr[data-level=red]")).ToContainTextAsync("10 分钟");
        await Expect(page.Locator("tr[data-level=red]")).ToContainTextAsync("通知乡镇值班");
    }

    [BrowserFact]
    public async Task Board_SessionEnds_NextPollGoesToTheLoginPage()
    {
        await using var s = await StartAsync();
        var page = await LoggedInAsync(s, "duty", "qinglan-duty", "/?lang=en");
        await Expect(page.Locator("#board")).ToContainTextAsync("Active warnings");

        await page.Context.ClearCookiesAsync();
        await page.EvaluateAsync("() => htmx.trigger('#board', 'refresh')");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2F%3Flang%3Den$"));
        await Expect(page.Locator("input[name=userName]")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Board_PendingAnsweredAndEscalated_Screenshots()
    {
        using var folder = new ScreenshotFolder();
        await using var s = await StartAsync();
        await s.AdvanceAsync(TimeSpan.FromMinutes(4));
        await s.AnswerAsync(RedKey, "P-089", AnswerMethod.Sms);
        await s.AdvanceAsync(TimeSpan.FromMinutes(4));
        await s.AnswerAsync(RedKey, "P-024", AnswerMethod.Voice);
        await s.AdvanceAsync(TimeSpan.FromMinutes(3));
        var id = await s.NotificationOfAsync(RedKey, "P-001");
        await s.Service<IAcknowledgementStore>().AcknowledgeAsync(id, AnswerMethod.OnBehalf, "duty", "09:11 电话联系范永福，已到岗", s.Clock.GetUtcNow(), CancellationToken.None);
        await s.AdvanceAsync(TimeSpan.FromMinutes(4));
        await s.ReceiveOrangeAndDrillAsync();
        await s.DispatchAsync();
        await s.AdvanceAsync(TimeSpan.FromMinutes(2));
        await s.AnswerAsync(DrillKey, "P-111", AnswerMethod.Voice);
        await s.AdvanceAsync(TimeSpan.FromMinutes(3));
        await s.AdvanceAsync(TimeSpan.FromMinutes(1));
        var page = await LoggedInAsync(s, "duty", "qinglan-duty");

        var red = page.Locator($"article[data-key=\"{RedKey}\"]");
        await Expect(red.Locator("tr[data-phase=pending]").First).ToBeVisibleAsync();
        await Expect(red.Locator("tr[data-phase=answered]").First).ToBeVisibleAsync();
        await Expect(red.Locator("td.esc li").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = folder.File("board.png"), FullPage = true });
        await page.GotoAsync("/?lang=en");
        await Expect(page.Locator("#board")).ToContainTextAsync("Active warnings");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = folder.File("board-en.png"), FullPage = true });

        Assert.All(["board.png", "board-en.png"], file => Assert.True(new FileInfo(folder.File(file)).Length > 10_000, $"{file} is too small"));
    }
}
