using System.Net;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using AlertWorker.Tests.Web;

namespace AlertWorker.Tests.Escalation;

/// <summary>GET /api/warnings/{key}/record through the real app: login required, then the record or a refusal.</summary>
public class RecordEndpointsTests
{
    [Theory]
    // no such warning
    [InlineData("/api/warnings/nobody%7Cnothing/record", HttpStatusCode.NotFound)]
    // a format that does not exist
    [InlineData("/api/warnings/nobody%7Cnothing/record?format=xml", HttpStatusCode.BadRequest)]
    public async Task Get_BadRequestOrUnknownWarning_Refused(string path, HttpStatusCode expected)
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");

        var response = await host.Client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_LoggedIn_TheRecordAsCsv(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.Client.LogInAsync("duty", "qinglan-duty");
        await host.SeedNotificationAsync("P-042");

        var response = await host.Client.GetAsync($"/api/warnings/{Uri.EscapeDataString(SampleWarnings.Warning("W-P-042").Key)}/record");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("P-042,杜军,", csv);
    }

    [Fact]
    public async Task Get_Anonymous_401()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        await host.SeedNotificationAsync("P-042");

        var response = await host.Client.GetAsync($"/api/warnings/{Uri.EscapeDataString(SampleWarnings.Warning("W-P-042").Key)}/record");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
