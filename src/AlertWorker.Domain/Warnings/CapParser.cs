using System.Globalization;
using System.Xml.Linq;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// One CAP 1.2 or 1.1 <c>&lt;alert&gt;</c> element, on its own or embedded in an index entry, to a
/// <see cref="Warning"/> (SPEC §3.1). Every rule that makes a warning unusable rejects the alert
/// with one line naming it: a missing or empty required element (identifier, sender, sent, status,
/// msgType, scope; per info category, event, urgency, severity, certainty), an identifier or
/// sender with a space or comma (CAP forbids them: they would break <c>references</c>), a date
/// without offset, an empty or malformed <c>references</c>, a shape out of range or not closed,
/// an XML signature that does not verify. Elements the worker does not use are not checked.
/// </summary>
internal static class CapParser
{
    public const string Cap12Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string Cap11Namespace = "urn:oasis:names:tc:emergency:cap:1.1";

    public static bool IsAlert(XElement element) =>
        element.Name.LocalName == "alert" &&
        element.Name.NamespaceName is Cap12Namespace or Cap11Namespace;

    /// <summary>Parses one alert. <paramref name="context"/> prefixes the rejection's part (e.g. the
    /// index entry); <paramref name="ordinal"/> names an alert that has no sender or identifier.</summary>
    public static (Warning? Warning, Rejection? Rejection) Parse(
        XElement alert, FeedKind source, string context, int ordinal, OriginalAlertXml original, ParseOptions options)
    {
        var part = context + PartName(alert, ordinal);
        try
        {
            var warning = Read(alert, source);
            var signatureError = CapSignatureVerifier.Check(alert, original, options);
            return signatureError is null ? (warning, null) : (null, new Rejection(part, signatureError));
        }
        catch (WarningFormatException ex)
        {
            return (null, new Rejection(part, ex.Message));
        }
    }

    private static string PartName(XElement alert, int ordinal)
    {
        var sender = Optional(alert, "sender");
        var identifier = Optional(alert, "identifier");
        return sender is { Length: > 0 } && identifier is { Length: > 0 }
            ? $"alert {WarningKey.Of(sender, identifier)}"
            : $"alert #{ordinal}";
    }

    private static Warning Read(XElement alert, FeedKind source)
    {
        var identifier = Identity(alert, "identifier");
        var sender = Identity(alert, "sender");
        var sent = CapValues.ParseDate(Required(alert, "sent"), "sent");
        var status = Enumerated<WarningStatus>(alert, "status");
        var msgType = Enumerated<MsgType>(alert, "msgType");
        var scope = Required(alert, "scope");
        var references = References(alert, msgType);
        var infos = Children(alert, "info").Select((info, i) => Info(info, i + 1)).ToList();

        return new Warning
        {
            Identifier = identifier,
            Sender = sender,
            Sent = sent,
            Status = status,
            MsgType = msgType,
            Scope = scope,
            References = references,
            Infos = infos,
            Source = source,
        };
    }

    private static string Identity(XElement alert, string name)
    {
        var value = Required(alert, name);
        if (value.Any(c => c == ',' || char.IsWhiteSpace(c)))
            throw new WarningFormatException($"{name} '{CapValues.Shorten(value)}' contains a space or comma");
        return value;
    }

    /// <summary>CAP references: whitespace-separated <c>sender,identifier,sent</c> triplets. Present
    /// but empty is an error on an Update or Cancel, whose meaning depends on it; on an Alert it
    /// says nothing (CAP-CP feeds write every optional element, empty or not).</summary>
    private static IReadOnlyList<WarningReference> References(XElement alert, MsgType msgType)
    {
        var element = Child(alert, "references");
        if (element is null) return [];
        var triplets = element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (triplets.Length == 0 && msgType is MsgType.Update or MsgType.Cancel)
            throw new WarningFormatException($"<references> is present but empty on a {msgType}");
        return triplets.Select(Reference).ToList();
    }

    private static WarningReference Reference(string triplet)
    {
        var parts = triplet.Split(',');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            throw new WarningFormatException($"reference '{CapValues.Shorten(triplet)}' is not sender,identifier,sent");
        return new WarningReference(parts[0], parts[1], CapValues.ParseDate(parts[2], "reference sent"));
    }

    private static WarningInfo Info(XElement info, int number)
    {
        try
        {
            var categories = Children(info, "category").Select(c => c.Value.Trim()).ToList();
            if (categories.Count == 0) throw new WarningFormatException("missing <category>");
            if (categories.Any(c => c.Length == 0)) throw new WarningFormatException("<category> is empty");

            return new WarningInfo
            {
                Language = Optional(info, "language") is { Length: > 0 } language ? language : "en-US",
                Categories = categories,
                Event = Required(info, "event"),
                Urgency = Required(info, "urgency"),
                Severity = Enumerated<Severity>(info, "severity"),
                Certainty = Required(info, "certainty"),
                Effective = CapValues.ParseOptionalDate(Optional(info, "effective"), "effective"),
                Onset = CapValues.ParseOptionalDate(Optional(info, "onset"), "onset"),
                Expires = CapValues.ParseOptionalDate(Optional(info, "expires"), "expires"),
                SenderName = Optional(info, "senderName"),
                Headline = Optional(info, "headline"),
                Description = Optional(info, "description"),
                Instruction = Optional(info, "instruction"),
                EventCodes = NamedValues(info, "eventCode"),
                Parameters = NamedValues(info, "parameter"),
                Areas = Children(info, "area").Select((area, i) => Area(area, i + 1)).ToList(),
            };
        }
        catch (WarningFormatException ex)
        {
            throw new WarningFormatException($"info #{number}: {ex.Message}");
        }
    }

    private static WarningArea Area(XElement area, int number)
    {
        try
        {
            return new WarningArea
            {
                AreaDesc = Optional(area, "areaDesc") ?? "",
                Polygons = Children(area, "polygon").Select(p => Polygon(p.Value)).ToList(),
                Circles = Children(area, "circle").Select(c => Circle(c.Value)).ToList(),
                Geocodes = NamedValues(area, "geocode"),
            };
        }
        catch (WarningFormatException ex)
        {
            throw new WarningFormatException($"area #{number}: {ex.Message}");
        }
    }

    /// <summary>CAP polygon: <c>lat,lon lat,lon ...</c>, closed, at least four points.</summary>
    private static GeoPolygon Polygon(string text)
    {
        var points = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Pair).ToList();
        return new GeoPolygon(GeoShapeRules.ClosedRing(points));
    }

    /// <summary>CAP circle: <c>lat,lon radius</c>, radius in kilometres.</summary>
    private static GeoCircle Circle(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryNumber(parts[1], out var radius))
            throw new WarningFormatException($"circle '{CapValues.Shorten(text.Trim())}' is not 'lat,lon radius'");
        return GeoShapeRules.Circle(Pair(parts[0]), radius);
    }

    private static GeoPoint Pair(string pair)
    {
        var parts = pair.Split(',');
        if (parts.Length != 2 || !TryNumber(parts[0], out var lat) || !TryNumber(parts[1], out var lon))
            throw new WarningFormatException($"point '{CapValues.Shorten(pair)}' is not 'lat,lon'");
        return GeoShapeRules.Point(lat, lon);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>eventCode, parameter, geocode: <c>valueName</c>/<c>value</c> pairs. A pair without a
    /// value says nothing and is skipped.</summary>
    private static IReadOnlyList<NamedValue> NamedValues(XElement parent, string name) =>
        Children(parent, name)
            .Select(e => new NamedValue(Optional(e, "valueName") ?? "", Optional(e, "value") ?? ""))
            .Where(v => v.Value.Length > 0)
            .ToList();

    private static T Enumerated<T>(XElement parent, string name) where T : struct, Enum =>
        CapValues.ParseEnum<T>(Required(parent, name), name);

    private static string Required(XElement parent, string name)
    {
        var element = Child(parent, name) ?? throw new WarningFormatException($"missing <{name}>");
        var value = element.Value.Trim();
        return value.Length > 0 ? value : throw new WarningFormatException($"<{name}> is empty");
    }

    private static string? Optional(XElement parent, string name) => Child(parent, name)?.Value.Trim();

    private static XElement? Child(XElement parent, string name) => parent.Element(parent.Name.Namespace + name);

    private static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements(parent.Name.Namespace + name);
}
