using Microsoft.Playwright;

namespace AlertWorker.Tests.Web.Board;

/// <summary>
/// One headless Debian chromium for all browser tests (TECH-NOTES: Playwright cannot download a
/// browser here and need not). Without <c>/usr/bin/chromium</c> the browser tests fail in CI
/// (<c>CI=true</c>) with a clear message and are skipped elsewhere.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why browser tests are skipped here, or null when they run.</summary>
    public static string? SkipReason => File.Exists(ChromiumPath) || IsCi
        ? null
        : $"{ChromiumPath} is missing (apt-get install -y chromium); browser tests are skipped outside CI";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser was not started");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"browser tests need Debian's chromium at {ChromiumPath}: run apt-get install -y chromium before the tests (.ci/run does)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>A test that drives the browser: skipped where chromium is missing, unless in CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = BrowserFixture.SkipReason;
}
