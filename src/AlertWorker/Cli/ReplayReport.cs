using System.Text.Encodings.Web;
using System.Text.Json;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Cli;

/// <summary>One rejected document or part of one, as <c>replay</c> reports it.</summary>
public sealed record ReplayRejection(string Input, string Error);

/// <summary>
/// Writes what <c>replay</c> found in the stable JSON shape of SPEC §2.1, or as a table for
/// people. Warnings and rejections stay in input order; every other array is sorted.
/// </summary>
public static class ReplayReport
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(IReadOnlyList<WarningOutcome> outcomes, IReadOnlyList<ReplayRejection> rejected)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("warnings");
            foreach (var outcome in outcomes) WriteWarning(w, outcome);
            w.WriteEndArray();
            w.WriteStartArray("rejected");
            foreach (var r in rejected)
            {
                w.WriteStartObject();
                w.WriteString("input", r.Input);
                w.WriteString("error", r.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteWarning(Utf8JsonWriter w, WarningOutcome outcome)
    {
        var warning = outcome.Warning;
        var info = warning.HighestInfo;
        w.WriteStartObject();
        w.WriteString("key", warning.Key);
        w.WriteString("sender", warning.Sender);
        w.WriteString("identifier", warning.Identifier);
        w.WriteString("msgType", warning.MsgType.ToString());
        w.WriteString("status", warning.Status.ToString());
        if (info is null) w.WriteNull("event"); else w.WriteString("event", info.Event);
        w.WriteString("severity", (info?.Severity ?? Severity.Unknown).ToString());
        w.WriteString("level", LevelName(warning.Level));
        w.WriteString("action", ActionName(outcome.Action));
        if (outcome.Reason is { } reason) w.WriteString("reason", ReasonName(reason)); else w.WriteNull("reason");
        WriteSorted(w, "hazardPoints", outcome.HazardPoints);
        w.WriteStartArray("recipients");
        foreach (var r in outcome.Recipients.OrderBy(r => r.PersonId, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("personId", r.PersonId);
            WriteSorted(w, "roles", r.Roles.Select(x => x.ToName()));
            WriteSorted(w, "channels", r.Channels.Select(x => x.ToName()));
            WriteSorted(w, "hazardPoints", r.HazardPoints);
            w.WriteBoolean("exercise", r.Exercise);
            w.WriteBoolean("fallback", r.Fallback);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteSorted(w, "released", outcome.Released);
        w.WriteEndObject();
    }

    public static string ToTable(IReadOnlyList<WarningOutcome> outcomes, IReadOnlyList<ReplayRejection> rejected)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var o in outcomes)
        {
            var why = o.Reason is { } r ? $" ({ReasonName(r)})" : "";
            sb.AppendLine($"{o.Warning.Key}  {o.Warning.MsgType}/{o.Warning.Status}  level {LevelName(o.Warning.Level)}  -> {ActionName(o.Action)}{why}");
            sb.AppendLine($"  event: {o.Warning.HighestInfo?.Event ?? "-"}");
            sb.AppendLine($"  hazard points ({o.HazardPoints.Count}): {Join(o.HazardPoints)}");
            foreach (var p in o.Recipients.OrderBy(p => p.PersonId, StringComparer.Ordinal))
            {
                var flags = (p.Exercise ? " exercise" : "") + (p.Fallback ? " fallback" : "");
                sb.AppendLine($"  -> {p.PersonId,-10} {Join(p.Roles.Select(x => x.ToName()))} via {Join(p.Channels.Select(x => x.ToName()))}; points {Join(p.HazardPoints)}{flags}");
            }
            if (o.Released.Count > 0) sb.AppendLine($"  released: {Join(o.Released)}");
        }
        foreach (var r in rejected) sb.AppendLine($"REJECTED {r.Input}: {r.Error}");
        sb.AppendLine($"{outcomes.Count} warning(s), {rejected.Count} rejected");
        return sb.ToString();
    }

    public static string LevelName(Level level) => level.ToString().ToLowerInvariant();

    public static string ActionName(WarningAction action) => action.ToString().ToLowerInvariant();

    /// <summary>SPEC §2.1 reason words: duplicate, draft, system, test, expired, unknown-reference, below-policy, no-recipients.</summary>
    public static string ReasonName(IgnoreReason reason) => reason switch
    {
        IgnoreReason.UnknownReference => "unknown-reference",
        IgnoreReason.BelowPolicy => "below-policy",
        IgnoreReason.NoRecipients => "no-recipients",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private static string Join(IEnumerable<string> items)
    {
        var list = items.OrderBy(x => x, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "-" : string.Join(",", list);
    }

    private static void WriteSorted(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items.OrderBy(x => x, StringComparer.Ordinal)) w.WriteStringValue(item);
        w.WriteEndArray();
    }
}
