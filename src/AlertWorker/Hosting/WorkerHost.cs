using Serilog;

namespace AlertWorker.Hosting;

/// <summary>The worker: Generic Host with Kestrel, Quartz jobs and the web endpoints.</summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
        try
        {
            var app = Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.Fatal(ex, "AlertWorker stopped on an unexpected error");
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .WriteTo.Console());
        builder.Services.AddSingleton(TimeProvider.System);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Json(new { status = "Healthy" }));
        return app;
    }
}
