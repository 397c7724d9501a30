using System.Globalization;
using AlertWorker.Configuration;
using Microsoft.Extensions.Options;

namespace AlertWorker.Escalation;

public static class RecordEndpoints
{
    public const string DayPath = "/api/records/day";

    /// <summary>
    /// The 叫应 record (format <c>csv</c>, the default, or <c>json</c>; 400 for another):
    /// <c>GET /api/warnings/{key}/record</c> of a stored warning's chain (404 when there is none), and
    /// <c>GET /api/records/day?date=yyyy-MM-dd</c> of the warnings received on that day in the configured
    /// zone (today without a date; 400 for a date that is not one). A CSV comes as a download. The caller
    /// adds the login requirement to the returned group.
    /// </summary>
    public static RouteGroupBuilder MapRecord(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/warnings/{key}/record", async (string key, string? format, IAnswerRecordStore records,
            IOptions<AlertWorkerOptions> settings, CancellationToken ct) =>
        {
            if (Format(format) is not { } chosen) return UnknownFormat(format);
            if (await records.LoadAsync(key, ct) is not { } record) return Results.NotFound($"no warning '{key}'");
            return Answer(AnswerRecordFormat.Write(record, chosen, settings.Value.Zone), chosen, $"叫应记录-{FileNamePart(key)}");
        });
        api.MapGet(DayPath["/api".Length..], async (string? date, string? format, IAnswerRecordStore records,
            IOptions<AlertWorkerOptions> settings, TimeProvider time, CancellationToken ct) =>
        {
            if (Format(format) is not { } chosen) return UnknownFormat(format);
            var zone = settings.Value.Zone;
            DateOnly day;
            if (string.IsNullOrWhiteSpace(date))
                day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
            else if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                return Results.BadRequest($"date '{date}' is not a day like 2026-07-10");

            var warnings = await records.LoadReceivedAsync(StartOf(day, zone), StartOf(day.AddDays(1), zone), ct);
            var name = $"叫应记录-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            return Answer(AnswerRecordFormat.Write(new DayRecord(day, warnings), chosen, zone), chosen, name);
        });
        return api;
    }

    /// <summary>Midnight at the start of <paramref name="day"/> in the configured zone.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string? Format(string? format)
    {
        var chosen = (format ?? AnswerRecordFormat.Csv).ToLowerInvariant();
        return AnswerRecordFormat.IsKnown(chosen) ? chosen : null;
    }

    private static IResult UnknownFormat(string? format) => Results.BadRequest($"format '{format}' is not csv or json");

    private static IResult Answer(byte[] content, string format, string name) => format == AnswerRecordFormat.Csv
        ? Results.File(content, AnswerRecordFormat.ContentType(format), name + ".csv")
        : Results.Bytes(content, AnswerRecordFormat.ContentType(format));

    /// <summary>A warning key as part of a file name: characters file systems refuse become <c>_</c>.</summary>
    private static string FileNamePart(string key) =>
        string.Concat(key.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '|' or ':' or '*' or '?' or '"' or '<' or '>' or '\\' ? '_' : c));
}
