using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlertWorker.Escalation;

/// <summary>
/// The 叫应 record as people read it (SPEC §7, §8): CSV in UTF-8 with a BOM (Excel opens it right),
/// one row per notification, lists space-separated, each escalation step as
/// <c>#step action @ done -> targets [notices]</c> joined by <c> | </c>; or JSON. Times in the
/// configured zone.
/// </summary>
public static class AnswerRecordFormat
{
    public const string Csv = "csv";
    public const string Json = "json";

    private static readonly string[] Header =
    [
        "warning", "notification", "person", "name", "roles", "kind", "level", "channels", "exercise", "sent", "delivered",
        "answered", "answer_method", "answered_by", "answer_note", "state", "closed_reason", "escalation_of", "escalation_steps", "flagged",
    ];

    public static bool IsKnown(string format) => format is Csv or Json;

    public static byte[] Write(AnswerRecord record, string format, TimeZoneInfo zone) => format switch
    {
        Csv => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ToCsv(record, zone))],
        Json => JsonSerializer.SerializeToUtf8Bytes(InZone(record, zone), JsonOptions),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "use csv or json"),
    };

    public static string ContentType(string format) => format == Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";

    public static string ToCsv(AnswerRecord record, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        Row(text, Header);
        foreach (var n in record.Notifications) Row(text, Fields(n, zone));
        return text.ToString();
    }

    /// <summary>The columns a day's record puts before the notification's own (whose first is the warning key).</summary>
    private static readonly string[] DayHeader = ["received", "status", "msg_type", "event", "headline", "action", "entered_by", "origin"];

    /// <summary>The record of a day: the same rows as a warning's record, each after its warning's columns
    /// (when received, status, type, event, headline, what the intake did, who entered it by hand and
    /// where it came from), warnings in the order received.</summary>
    public static byte[] Write(DayRecord record, string format, TimeZoneInfo zone) => format switch
    {
        Csv => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ToCsv(record, zone))],
        Json => JsonSerializer.SerializeToUtf8Bytes(record with
        {
            Warnings = record.Warnings.Select(w => w with
            {
                Received = TimeZoneInfo.ConvertTime(w.Received, zone),
                Notifications = InZone(new AnswerRecord(w.WarningKey, w.WarningKey, w.Notifications), zone).Notifications,
            }).ToList(),
        }, JsonOptions),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "use csv or json"),
    };

    public static string ToCsv(DayRecord record, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        Row(text, [Header[0], .. DayHeader, .. Header[1..]]);
        foreach (var w in record.Warnings)
        {
            string[] warning =
            [
                Time(w.Received, zone), w.Status, w.MsgType, w.Event, w.Headline, w.Action, w.EnteredBy ?? "", w.Origin ?? "",
            ];
            foreach (var n in w.Notifications)
            {
                var fields = Fields(n, zone);
                Row(text, [fields[0], .. warning, .. fields[1..]]);
            }
        }
        return text.ToString();
    }

    /// <summary>One notification's fields, in the order of <see cref="Header"/>.</summary>
    private static string[] Fields(RecordedNotification n, TimeZoneInfo zone) =>
    [
        n.WarningKey, Id(n.Id), n.PersonId, n.Name, string.Join(' ', n.Roles), n.Kind, n.Level, string.Join(' ', n.Channels),
        n.Exercise ? "yes" : "no", Time(n.Sent, zone), Time(n.Delivered, zone), Time(n.Answered, zone),
        n.AnswerMethod ?? "", n.AnsweredBy ?? "", n.AnswerNote ?? "", n.State, n.ClosedReason ?? "",
        n.EscalationOf is { } of ? Id(of) + (n.EscalationStep is { } s ? $" #{s}" : "") : "",
        string.Join(" | ", n.Steps.Select(s => Step(s, zone))), n.Flagged ?? "",
    ];

    /// <summary>One RFC 4180 row: a field with a comma, quote or line break is quoted, quotes doubled; CRLF at the end.</summary>
    private static void Row(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{f.Replace("\"", "\"\"")}\"" : f));
        text.Append("\r\n");
    }

    private static string Step(RecordedStep s, TimeZoneInfo zone) =>
        $"#{s.Step} {s.Action} @ {Time(s.DoneAt, zone)} -> {(s.Targets.Count == 0 ? "nobody" : string.Join(' ', s.Targets))}"
        + (s.Notices.Count == 0 ? "" : $" [{string.Join(' ', s.Notices.Select(Id))}]");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static AnswerRecord InZone(AnswerRecord record, TimeZoneInfo zone)
    {
        DateTimeOffset? Z(DateTimeOffset? at) => at is { } t ? TimeZoneInfo.ConvertTime(t, zone) : null;
        return record with
        {
            Notifications = record.Notifications.Select(n => n with
            {
                Sent = Z(n.Sent),
                Delivered = Z(n.Delivered),
                Answered = Z(n.Answered),
                Steps = n.Steps.Select(s => s with { DueAt = Z(s.DueAt)!.Value, DoneAt = Z(s.DoneAt)!.Value }).ToList(),
            }).ToList(),
        };
    }
}
