using AlertWorker.Tests.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AlertWorker.Tests.Web.Board;

internal static class BrowserPages
{
    /// <summary>A new browser context (1440×900, zh-CN) on the worker, logged in through the login page
    /// that <paramref name="path"/> sends an anonymous visitor to; the page is back on <paramref name="path"/>.</summary>
    public static async Task<IPage> LogInAsync(this BrowserFixture browser, Uri baseAddress, string user, string password, string path = "/")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        return page;
    }
}

/// <summary>
/// Where the screenshots go: the folder named by <c>ALERTWORKER_SCREENSHOTS</c> (relative to the repository root;
/// <c>ALERTWORKER_SCREENSHOTS=docs</c> refreshes the README's), else a temp folder deleted afterwards, so that a
/// plain <c>dotnet test</c> leaves the working tree as it was.
/// </summary>
internal sealed class ScreenshotFolder : IDisposable
{
    private readonly bool _temporary;

    public ScreenshotFolder()
    {
        var named = Environment.GetEnvironmentVariable("ALERTWORKER_SCREENSHOTS");
        _temporary = string.IsNullOrWhiteSpace(named);
        Path = _temporary
            ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alertworker-screenshots-" + Guid.NewGuid().ToString("N"))
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(SampleConfigFolder.SourcePath)!, named!);
        System.IO.Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (_temporary) System.IO.Directory.Delete(Path, recursive: true);
    }
}
