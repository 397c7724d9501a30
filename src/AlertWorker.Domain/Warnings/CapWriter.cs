using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// A <see cref="Warning"/> written out as an OASIS CAP 1.2 <c>&lt;alert&gt;</c> document, elements in
/// the order of the CAP schema; the inverse of the CAP parser for every field a warning keeps
/// (<c>DocumentParser.Parse(Write(w))</c> gives <c>w</c> back). Times keep their own offset, to the
/// second. Used for warnings a duty officer enters by hand, so that they reach the intake as a real
/// CAP document, exactly as a feed's would.
/// </summary>
public static class CapWriter
{
    private static readonly XNamespace Cap = CapParser.Cap12Namespace;

    public static byte[] Write(Warning warning)
    {
        var alert = new XElement(Cap + "alert",
            Text("identifier", warning.Identifier),
            Text("sender", warning.Sender),
            Text("sent", Time(warning.Sent)),
            Text("status", warning.Status.ToString()),
            Text("msgType", warning.MsgType.ToString()),
            Text("scope", warning.Scope),
            warning.References.Count == 0
                ? null
                : Text("references", string.Join(' ', warning.References.Select(r => $"{r.Sender},{r.Identifier},{Time(r.Sent ?? warning.Sent)}"))),
            warning.Infos.Select(Info));

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), alert).Save(writer);
        }
        return buffer.ToArray();
    }

    private static XElement Info(WarningInfo info) => new(Cap + "info",
        Text("language", info.Language),
        info.Categories.Select(c => Text("category", c)),
        Text("event", info.Event),
        Text("urgency", info.Urgency),
        Text("severity", info.Severity.ToString()),
        Text("certainty", info.Certainty),
        info.EventCodes.Select(v => Named("eventCode", v)),
        Optional("effective", info.Effective),
        Optional("onset", info.Onset),
        Optional("expires", info.Expires),
        Optional("senderName", info.SenderName),
        Optional("headline", info.Headline),
        Optional("description", info.Description),
        Optional("instruction", info.Instruction),
        info.Parameters.Select(v => Named("parameter", v)),
        info.Areas.Select(Area));

    private static XElement Area(WarningArea area) => new(Cap + "area",
        Text("areaDesc", area.AreaDesc),
        area.Polygons.Select(p => Text("polygon", string.Join(' ', p.Shell.Select(Point)))),
        area.Circles.Select(c => Text("circle", $"{Point(c.Centre)} {Number(c.RadiusKm)}")),
        area.Geocodes.Select(v => Named("geocode", v)));

    private static XElement Named(string name, NamedValue value) =>
        new(Cap + name, Text("valueName", value.ValueName), Text("value", value.Value));

    private static XElement Text(string name, string value) => new(Cap + name, value);

    private static XElement? Optional(string name, string? value) => value is null ? null : Text(name, value);

    private static XElement? Optional(string name, DateTimeOffset? value) => value is { } v ? Text(name, Time(v)) : null;

    /// <summary>CAP dateTime with the value's own offset (<c>2026-07-10T09:05:00+08:00</c>); fractions of a
    /// second only when the value has them (a feed's time read back).</summary>
    private static string Time(DateTimeOffset value) => value.ToString(
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static string Point(GeoPoint p) => $"{Number(p.Lat)},{Number(p.Lon)}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
