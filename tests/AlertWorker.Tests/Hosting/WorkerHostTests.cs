using System.Net.Http.Json;
using System.Text.Json;
using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;
using AlertWorker.Hosting;
using AlertWorker.Tests.Feeds;
using AlertWorker.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AlertWorker.Tests.Hosting;

public class WorkerHostTests
{
    [Fact]
    public async Task Build_FileFeedConfigured_PolledByQuartzAndHealthzTurnsHealthy()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        var path = Path.Combine(db.Folder, "alert.xml");
        await File.WriteAllTextAsync(path, "<alert/>");
        var handler = new ClassifyingDocumentHandler();
        var feed = new FeedDefinition
        {
            Id = "local",
            Kind = FeedKind.Cap,
            Url = path,
            Interval = TimeSpan.FromMinutes(5),
            Timeout = TimeSpan.FromSeconds(5),
            StaleAfter = TimeSpan.FromMinutes(15),
        };
        await using var app = WorkerHost.Build(
            [$"--ConnectionStrings:AlertWorker={db.ConnectionString}", "--Urls=http://127.0.0.1:0"],
            builder =>
            {
                builder.Services.AddSingleton(new FeedCatalog([feed]));
                builder.Services.AddSingleton<IFeedDocumentHandler>(handler);
            });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        JsonElement health = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            health = await http.GetFromJsonAsync<JsonElement>("/healthz");
            if (health.GetProperty("status").GetString() == "Healthy") break;
            await Task.Delay(100);
        }
        await app.StopAsync();

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("database").GetProperty("status").GetString());
        var reported = Assert.Single(health.GetProperty("feeds").EnumerateArray());
        Assert.Equal("local", reported.GetProperty("id").GetString());
        Assert.False(reported.GetProperty("stale").GetBoolean());
        Assert.Equal("<alert/>", Assert.Single(handler.Calls).Content);
    }
}
