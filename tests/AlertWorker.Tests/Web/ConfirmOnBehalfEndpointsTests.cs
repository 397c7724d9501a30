using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AlertWorker.Configuration;
using AlertWorker.Storage;
using AlertWorker.Tests.Acknowledgement;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.Hosting;

namespace AlertWorker.Tests.Web;

/// <summary>POST /api/notifications/{id}/confirm: a duty officer answers for someone, with a note.</summary>
public class ConfirmOnBehalfEndpointsTests
{
    private const string Note = "10:05 值班员拨通 P-902 电话，已知晓并在转移";

    [Theory]
    // no note at all
    [InlineData("{}")]
    // an empty note
    [InlineData("{\"note\":\"\"}")]
    // only spaces
    [InlineData("{\"note\":\"   \"}")]
    // not JSON
    [InlineData("note=x")]
    public async Task Post_JsonWithoutNote_400AndNothingRecorded(string body)
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");
        var id = await host.SeedNotificationAsync("P-902");

        var response = await host.Client.PostAsync($"/api/notifications/{id}/confirm",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.AnswersAsync());
    }

    [Theory]
    // a duty officer
    [InlineData("duty", "qinglan-duty")]
    // an admin may do what a duty officer does
    [InlineData("admin", "qinglan-admin")]
    public async Task Post_JsonWithNote_200AndRecordedOnBehalfByTheUser(string userName, string password)
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync(userName, password);
        var id = await host.SeedNotificationAsync("P-902");

        var response = await host.Client.PostAsJsonAsync($"/api/notifications/{id}/confirm", new { note = Note });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("acknowledged", body.GetProperty("result").GetString());
        Assert.Equal([StoredAnswer.Answered(id, host.Time.GetUtcNow(), "onBehalf", userName, Note)], await host.AnswersAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Post_TwiceOrUnknown_SaysAlreadyAnsweredOr404(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");
        var id = await host.SeedNotificationAsync("P-902");

        await host.Client.PostAsJsonAsync($"/api/notifications/{id}/confirm", new { note = Note });
        var again = await host.Client.PostAsJsonAsync($"/api/notifications/{id}/confirm", new { note = Note });
        var unknown = await host.Client.PostAsJsonAsync("/api/notifications/404404/confirm", new { note = Note });

        Assert.Equal("alreadyAnswered", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Post_FormWithNoteAndToken_200(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");
        var id = await host.SeedNotificationAsync("P-902");
        var token = await host.Client.FormTokenAsync("/login");

        var response = await host.Client.PostFormAsync($"/api/notifications/{id}/confirm", ("note", Note), (BrowserClient.AntiforgeryField, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Note, Assert.Single(await host.AnswersAsync()).AnswerNote);
    }

    [Fact]
    public async Task Post_FormWithoutToken_400AndNothingRecorded()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");
        var id = await host.SeedNotificationAsync("P-902");

        var response = await host.Client.PostFormAsync($"/api/notifications/{id}/confirm", ("note", Note));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.AnswersAsync());
    }

    [Fact]
    public async Task Post_Anonymous_401AndNothingRecorded()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var id = await host.SeedNotificationAsync("P-902");

        var response = await host.Client.PostAsJsonAsync($"/api/notifications/{id}/confirm", new { note = Note });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.AnswersAsync());
    }

    [Fact]
    public async Task Post_UserRemovedFromUsersYaml_401AtTheNextRequest()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");
        var id = await host.SeedNotificationAsync("P-902");
        config.ReplaceLine("users.yaml", "  - name: duty", "  - name: duty-renamed");
        Assert.True(await host.Service<IEnumerable<IHostedService>>().OfType<ConfigReloadService>().Single().ReloadAsync(CancellationToken.None));

        var response = await host.Client.PostAsJsonAsync($"/api/notifications/{id}/confirm", new { note = Note });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.AnswersAsync());
    }
}
