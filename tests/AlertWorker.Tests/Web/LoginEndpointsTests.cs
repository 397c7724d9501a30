using System.Net;
using System.Net.Http.Json;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using AlertWorker.Web;
using Microsoft.Extensions.Options;

namespace AlertWorker.Tests.Web;

/// <summary>Cookie login with the sample users (README: duty / qinglan-duty, admin / qinglan-admin).</summary>
public class LoginEndpointsTests
{
    [Fact]
    public async Task Get_Login_ShowsTheFormToAnonymousUsers()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);

        var response = await host.Client.GetAsync("/login");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名", page);
        Assert.Contains("Password", page);
        Assert.Contains(BrowserClient.AntiforgeryField, page);
    }

    [Fact]
    public async Task Post_RightPassword_SignsInAndOpensTheApi()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var before = await ConfirmAsync(host);

        var login = await host.Client.LogInAsync("duty", "qinglan-duty");
        var after = await ConfirmAsync(host);

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Post_LocalReturnUrl_RedirectsThereButNeverOffSite()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);

        var local = await LogInWithReturnUrlAsync(host, "/board?level=red");
        var offSite = await LogInWithReturnUrlAsync(host, "//evil.example/");

        Assert.Equal("/board?level=red", local.Headers.Location?.OriginalString);
        Assert.Equal("/", offSite.Headers.Location?.OriginalString);
    }

    [Theory]
    // wrong password
    [InlineData("duty", "qinglan-admin")]
    // unknown user
    [InlineData("nobody", "qinglan-duty")]
    // empty password
    [InlineData("duty", "")]
    public async Task Post_WrongCredentials_401AndNoSession(string userName, string password)
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);

        var login = await host.Client.LogInAsync(userName, password);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("用户名或密码不正确", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConfirmAsync(host)).StatusCode);
    }

    [Fact]
    public async Task Post_FiveWrongPasswords_LocksTheAccountUntilTheLockoutEnds()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var options = host.Service<IOptions<WebLoginOptions>>().Value;

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < options.LockoutAfterFailures; i++)
            wrong.Add((await host.Client.LogInAsync("duty", "guess-" + i)).StatusCode);
        var rightWhileLocked = await host.Client.LogInAsync("duty", "qinglan-duty");
        var otherUser = await host.Client.LogInAsync("admin", "qinglan-admin");
        host.Time.Advance(options.LockoutDuration);
        var rightAfterwards = await host.Client.LogInAsync("duty", "qinglan-duty");

        Assert.Equal(5, options.LockoutAfterFailures);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightWhileLocked.StatusCode);
        Assert.Contains("锁定", await rightWhileLocked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rightAfterwards.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_400AndNoSession()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.FormTokenAsync("/login");

        var login = await host.Client.PostFormAsync("/login", ("userName", "duty"), ("password", "qinglan-duty"));

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConfirmAsync(host)).StatusCode);
    }

    [Fact]
    public async Task Post_Logout_EndsTheSession()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("admin", "qinglan-admin");
        var token = await host.Client.FormTokenAsync("/login");

        var logout = await host.Client.PostFormAsync("/logout", (BrowserClient.AntiforgeryField, token));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConfirmAsync(host)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_OpenEndpoints_AnswerWithoutLogin()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);

        var health = await host.Client.GetAsync("/healthz");
        var login = await host.Client.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    private static async Task<HttpResponseMessage> LogInWithReturnUrlAsync(WebTestHost host, string returnUrl)
    {
        var token = await host.Client.FormTokenAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        return await host.Client.PostFormAsync("/login",
            ("userName", "duty"), ("password", "qinglan-duty"), ("returnUrl", returnUrl), (BrowserClient.AntiforgeryField, token));
    }

    /// <summary>A confirm on behalf with a note: 401 without a session, 200 with one.</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(WebTestHost host)
    {
        var id = await host.SeedNotificationAsync("P-901");
        return await host.Client.PostAsJsonAsync($"/api/notifications/{id}/confirm", new { note = "rang P-901 at 10:05, they are on their way" });
    }
}
