using System.Net;
using AlertWorker.Hosting;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Hosting;
using AlertWorker.Tests.Storage;

namespace AlertWorker.Tests.Escalation;

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
        await using var app = WorkerHost.Build(WorkerHostTests.Args(db, config));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var response = await http.GetAsync(path);
        await app.StopAsync();

        Assert.Equal(expected, response.StatusCode);
    }
}
