using System.Data.Common;

namespace AlertWorker.Web.Metrics;

/// <summary><c>GET /metrics</c> (SPEC §9): Prometheus text, open without login for monitoring, counts only.</summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMetricsStore, SqlMetricsStore>();
        builder.Services.AddSingleton<MetricsReport>();
        return builder;
    }

    /// <summary>The scrape (the caller opens it to anonymous monitoring); 503 with one line when the database cannot be reached (as <c>/healthz</c>).</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (MetricsReport report, ILogger<MetricsReport> logger, CancellationToken ct) =>
        {
            try
            {
                return Results.Text(await report.WriteAsync(ct), PrometheusTextWriter.ContentType);
            }
            catch (DbException ex)
            {
                logger.LogError(ex, "Metrics scrape cannot reach the database");
                return Results.Text("database unreachable\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
}
