using AlertWorker.Configuration;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Dispatch;
using AlertWorker.Escalation;
using AlertWorker.Feeds;
using AlertWorker.Warnings;
using AlertWorker.Storage;
using AlertWorker.Web.Webhooks;
using AlertWorker.Web;
using AlertWorker.Web.Admin;
using AlertWorker.Web.Board;
using AlertWorker.Web.Metrics;
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

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json sits beside the binary; config/ and data/ are relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.With<PersonalDataMasking>()
            .WriteTo.Console());
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);

        builder.AddStorage();
        builder.AddLiveConfig();
        builder.AddWarningIntake();
        builder.AddFeeds();
        builder.AddDispatch();
        builder.AddEscalation();
        builder.AddTwilio();
        builder.AddEmail();
        builder.AddWebLogin();
        builder.AddBoard();
        builder.AddAdmin();
        builder.AddMetrics();
        builder.Services.AddSingleton<HealthReport>();

        var app = builder.Build();
        app.UseWebLogin();
        app.MapGet("/healthz", async (HealthReport report, CancellationToken ct) =>
        {
            var (statusCode, body) = await report.CheckAsync(ct);
            return Results.Json(body, statusCode: statusCode);
        }).AllowAnonymous();
        app.MapMetrics().AllowAnonymous();
        app.MapTwilioWebhooks();
        app.MapRecord().RequireAuthorization(WebPolicies.DutyOfficer);
        app.MapBoard();
        app.MapAdmin();
        return app;
    }
}
