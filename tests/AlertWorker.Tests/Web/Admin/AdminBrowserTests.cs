using System.Text;
using AlertWorker.Configuration;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using AlertWorker.Tests.Web.Board;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AlertWorker.Tests.Web.Admin;

/// <summary>The admin pages in a real browser (issue 4, must show): a CSV import with one bad row is
/// refused with its line and nothing applied, the fixed file applies, the audit log shows it; the
/// screenshots of the admin pages the README shows (docs/).</summary>
[Collection(BrowserCollection.Name)]
public class AdminBrowserTests(BrowserFixture browser)
{
    private const string NewPeople = "P-900,新人甲,+8613800000900,,zh-CN,511829\r\nP-901,新人乙,{0},,zh-CN,511829\r\n";

    [BrowserFact]
    public async Task Admin_ImportWithOneBadRow_SeesItsLineThenFixesAppliesAndSeesTheAudit()
    {
        using var folder = new ScreenshotFolder();
        await using var db = await TempDatabase.CreateAsync();
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var live = host.Service<LiveConfig>();
        var exported = Encoding.UTF8.GetString((await ExportAsync(host))[3..]);
        var page = await browser.LogInAsync(host.Client.BaseAddress!, "admin", "qinglan-admin", "/admin/directory/people?q=P-04");
        await Expect(page.Locator("table.rows tbody tr")).ToHaveCountAsync(10);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = folder.File("admin-people.png"), FullPage = true });

        await UploadAsync(page, exported + string.Format(NewPeople, "12345"));

        var problems = page.Locator("ul.problems li");
        await Expect(problems).ToHaveCountAsync(1);
        await Expect(problems).ToContainTextAsync("people.csv:120: ");
        await Expect(problems).ToContainTextAsync("12345");
        await Expect(page.Locator("div.error")).ToContainTextAsync("未做任何更改");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = folder.File("admin-import-error.png"), FullPage = true });
        Assert.Equal(1, live.Current!.DirectoryVersion);
        Assert.False(live.Current.Config.Directory.PeopleById.ContainsKey("P-900"));

        await UploadAsync(page, exported + string.Format(NewPeople, "+8613800000901"));
        await Expect(page.Locator("p.ok")).ToContainTextAsync("新增 2 行，修改 0 行，删除 0 行");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = folder.File("admin-import-preview.png"), FullPage = true });
        await page.ClickAsync("text=确认应用");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/audit\\?applied=2$"));
        var entry = page.Locator("table.audit tr[data-version='2']", new PageLocatorOptions { HasText = "P-901" });
        await Expect(entry).ToContainTextAsync("admin");
        await Expect(entry).ToContainTextAsync("新增");
        await Expect(entry).ToContainTextAsync("+8613800000901");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = folder.File("admin-audit.png"), FullPage = true });
        Assert.Equal(2, live.Current!.DirectoryVersion);
        Assert.Equal("新人乙", live.Current.Matching.Matcher.Directory.PeopleById["P-901"].Name);
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GotoAsync("/admin/import?table=people");
        await page.SetInputFilesAsync("input[name=file]", new FilePayload
        {
            Name = "people.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        });
        await page.ClickAsync("form.import button");
    }

    private static async Task<byte[]> ExportAsync(WebTestHost host)
    {
        await host.Client.LogInAsync("admin", "qinglan-admin");
        return await host.Client.GetByteArrayAsync("/admin/directory/people/export");
    }
}
