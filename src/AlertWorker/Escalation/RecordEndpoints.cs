using AlertWorker.Configuration;
using Microsoft.Extensions.Options;

namespace AlertWorker.Escalation;

public static class RecordEndpoints
{
    /// <summary><c>GET /api/warnings/{key}/record?format=csv|json</c> (default csv): the 叫应 record of a
    /// stored warning; 404 when there is none, 400 for an unknown format. The caller adds the login
    /// requirement to the returned builder.</summary>
    public static RouteHandlerBuilder MapRecord(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/warnings/{key}/record", async (string key, string? format, IAnswerRecordStore records,
            IOptions<AlertWorkerOptions> settings, CancellationToken ct) =>
        {
            var chosen = (format ?? AnswerRecordFormat.Csv).ToLowerInvariant();
            if (!AnswerRecordFormat.IsKnown(chosen)) return Results.BadRequest($"format '{format}' is not csv or json");
            if (await records.LoadAsync(key, ct) is not { } record) return Results.NotFound($"no warning '{key}'");
            return Results.Bytes(AnswerRecordFormat.Write(record, chosen, settings.Value.Zone), AnswerRecordFormat.ContentType(chosen));
        });
}
