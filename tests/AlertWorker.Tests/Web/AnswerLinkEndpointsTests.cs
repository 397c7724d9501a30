using System.Net;
using AlertWorker.Acknowledgement;
using AlertWorker.Tests.Acknowledgement;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Dapper;

namespace AlertWorker.Tests.Web;

/// <summary>Email answer links through the real app on Kestrel: GET shows, only POST answers.</summary>
public class AnswerLinkEndpointsTests
{
    [Fact]
    public async Task Get_ValidLink_ShowsTheWarningAndAFormButAcknowledgesNothing()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var path = await LinkPathAsync(host, "P-900");

        var response = await host.Client.GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("暴雨橙色预警", page);
        Assert.Contains("<form method=\"post\">", page);
        Assert.Contains(BrowserClient.AntiforgeryField, page);
        Assert.Empty(await host.AnswersAsync());
    }

    [Fact]
    public async Task Post_ValidLinkWithFormToken_AcknowledgesByEmailAsThePerson()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var path = await LinkPathAsync(host, "P-900");
        var token = await host.Client.FormTokenAsync(path);

        var response = await host.Client.PostFormAsync(path, (BrowserClient.AntiforgeryField, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("谢谢", await response.Content.ReadAsStringAsync());
        Assert.Equal([StoredAnswer.Answered(await host.NotificationIdOfAsync("P-900"), host.Time.GetUtcNow(), "email", "P-900")],
            await host.AnswersAsync());
    }

    [Fact]
    public async Task Post_WithoutFormToken_400AndNothingRecorded()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var path = await LinkPathAsync(host, "P-900");

        var response = await host.Client.PostFormAsync(path, ("confirm", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.AnswersAsync());
    }

    [Fact]
    public async Task GetAndPost_TamperedToken_400AndNothingRecorded()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var path = await LinkPathAsync(host, "P-900");
        var formToken = await host.Client.FormTokenAsync(path);
        var tampered = path[..^3] + (path[^3] == 'A' ? 'B' : 'A') + path[^2..];

        var get = await host.Client.GetAsync(tampered);
        var post = await host.Client.PostFormAsync(tampered, (BrowserClient.AntiforgeryField, formToken));

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.DoesNotContain("<form", await get.Content.ReadAsStringAsync());
        Assert.Empty(await host.AnswersAsync());
    }

    [Fact]
    public async Task GetAndPost_ExpiredToken_410AndNothingRecorded()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var path = await LinkPathAsync(host, "P-900", TimeSpan.FromHours(24));
        var formToken = await host.Client.FormTokenAsync(path);

        host.Time.Advance(TimeSpan.FromHours(24));
        var get = await host.Client.GetAsync(path);
        var post = await host.Client.PostFormAsync(path, (BrowserClient.AntiforgeryField, formToken));

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("过期", await get.Content.ReadAsStringAsync());
        Assert.Empty(await host.AnswersAsync());
    }

    [Fact]
    public async Task Get_LinkOfANotificationThatDoesNotExist_400()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var link = host.Service<IAnswerLinkIssuer>().LinkFor(987_654, host.Time.GetUtcNow().AddDays(1));

        var response = await host.Client.GetAsync(PathOf(link));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_AfterARestartOnTheSameDatabase_TheLinkStillWorks()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        string path;
        await using (var first = await WebTestHost.StartAsync(db, config))
        {
            path = await LinkPathAsync(first, "P-900");
        }

        await using var second = await WebTestHost.StartAsync(db, config);
        var response = await second.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("暴雨橙色预警", await response.Content.ReadAsStringAsync());
        await using var connection = await db.Database.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys"));
    }

    [Fact]
    public async Task Get_LinkFromAnotherDatabase_400()
    {
        await using var otherDb = await TempDatabase.CreateAsync(migrate: false);
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        string path;
        await using (var other = await WebTestHost.StartAsync(otherDb, config))
        {
            path = await LinkPathAsync(other, "P-900");
        }

        await using var host = await WebTestHost.StartAsync(db, config);
        await host.SeedNotificationAsync("P-900");
        var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Seeds a notification for the person and returns the path of its answer link.</summary>
    private static async Task<string> LinkPathAsync(WebTestHost host, string personId, TimeSpan? lifetime = null)
    {
        var id = await host.SeedNotificationAsync(personId);
        var link = host.Service<IAnswerLinkIssuer>().LinkFor(id, host.Time.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(1)));
        Assert.StartsWith(WebTestHost.PublicBaseUrl + "/a/", link);
        return PathOf(link);
    }

    private static string PathOf(string link) => link[WebTestHost.PublicBaseUrl.Length..];
}
