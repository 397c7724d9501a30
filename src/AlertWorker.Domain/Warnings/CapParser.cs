using System.Buffers;

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

    /// <summary>What an identifier or sender may not contain: a comma, or any white space (<see cref="char.IsWhiteSpace(char)"/>).</summary>
    private static readonly SearchValues<char> CommaAndWhiteSpace = SearchValues.Create(
        [',', .. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    public static bool IsAlert(FeedElement element) =>
        element.LocalName == "alert" &&
        element.NamespaceName is Cap12Namespace or Cap11Namespace;

    /// <summary>Parses one alert. <paramref name="entryId"/> names the index entry it came in, if any,
    /// in a rejection; <paramref name="ordinal"/> names an alert that has no sender or identifier.</summary>
    public static (Warning? Warning, Rejection? Rejection) Parse(
        FeedElement alert, FeedKind source, string? entryId, int ordinal, OriginalAlertXml original, ParseOptions options)
    {
        string Part() => (entryId is null ? "" : $"entry {entryId}: ") + PartName(alert, ordinal);
        try
        {
            var warning = Read(alert, source);
            var signatureError = CapSignatureVerifier.Check(alert, original, options);
            return signatureError is null ? (warning, null) : (null, new Rejection(Part(), signatureError));
        }
        catch (WarningFormatException ex)
        {
            return (null, new Rejection(Part(), ex.Message));
        }
    }

    private static string PartName(FeedElement alert, int ordinal)
    {
        var sender = Optional(alert, "sender");
        var identifier = Optional(alert, "identifier");
        return sender is { Length: > 0 } && identifier is { Length: > 0 }
            ? $"alert {WarningKey.Of(sender, identifier)}"
            : $"alert #{ordinal}";
    }

    private static Warning Read(FeedElement alert, FeedKind source)
    {
        var identifier = Identity(alert, "identifier");
        var sender = Identity(alert, "sender");
        var sent = CapValues.ParseDate(Required(alert, "sent"), "sent");
        var status = Enumerated<WarningStatus>(alert, "status");
        var msgType = Enumerated<MsgType>(alert, "msgType");
        var scope = Required(alert, "scope");
        var references = References(alert, msgType);
        var infos = Each(alert, "info", Info);

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

    private static string Identity(FeedElement alert, string name)
    {
        var value = Required(alert, name);
        if (value.AsSpan().ContainsAny(CommaAndWhiteSpace))
            throw new WarningFormatException($"{name} '{CapValues.Shorten(value)}' contains a space or comma");
        return value;
    }

    /// <summary>CAP references: whitespace-separated <c>sender,identifier,sent</c> triplets. Present
    /// but empty is an error on an Update or Cancel, whose meaning depends on it; on an Alert it
    /// says nothing (CAP-CP feeds write every optional element, empty or not).</summary>
    private static IReadOnlyList<WarningReference> References(FeedElement alert, MsgType msgType)
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

    private static WarningInfo Info(FeedElement info, int number)
    {
        try
        {
            var categories = Each(info, "category", (category, _) => category.Value.Trim());
            if (categories.Length == 0) throw new WarningFormatException("missing <category>");
            if (Array.IndexOf(categories, "") >= 0) throw new WarningFormatException("<category> is empty");

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
                Areas = Each(info, "area", Area),
            };
        }
        catch (WarningFormatException ex)
        {
            throw new WarningFormatException($"info #{number}: {ex.Message}");
        }
    }

    private static WarningArea Area(FeedElement area, int number)
    {
        try
        {
            return new WarningArea
            {
                AreaDesc = Optional(area, "areaDesc") ?? "",
                Polygons = Each(area, "polygon", (polygon, _) => Polygon(polygon.Value)),
                Circles = Each(area, "circle", (circle, _) => Circle(circle.Value)),
                Geocodes = NamedValues(area, "geocode"),
            };
        }
        catch (WarningFormatException ex)
        {
            throw new WarningFormatException($"area #{number}: {ex.Message}");
        }
    }

    /// <summary>CAP polygon: <c>lat,lon lat,lon ...</c>, closed, at least four points. Read in place,
    /// without a string per point (a county outline has dozens, an index a thousand outlines).</summary>
    private static GeoPolygon Polygon(string text)
    {
        var points = new List<GeoPoint>(text.AsSpan().Count(','));
        var rest = text.AsSpan();
        while (NextWord(ref rest) is { IsEmpty: false } pair) points.Add(Pair(pair));
        return new GeoPolygon(GeoShapeRules.ClosedRing(points));
    }

    /// <summary>CAP circle: <c>lat,lon radius</c>, radius in kilometres.</summary>
    private static GeoCircle Circle(string text)
    {
        var rest = text.AsSpan();
        var centre = NextWord(ref rest);
        var radiusText = NextWord(ref rest);
        var more = NextWord(ref rest);
        if (radiusText.IsEmpty || !more.IsEmpty || !CapValues.TryParseNumber(radiusText, out var radius))
            throw new WarningFormatException($"circle '{CapValues.Shorten(text.Trim())}' is not 'lat,lon radius'");
        return GeoShapeRules.Circle(Pair(centre), radius);
    }

    /// <summary>The next run of characters that are not white space (as <c>string.Split(null)</c>
    /// splits), taken off the front of <paramref name="rest"/>; empty at the end.</summary>
    private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
    {
        var start = 0;
        while (start < rest.Length && char.IsWhiteSpace(rest[start])) start++;
        var end = start;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end])) end++;
        var word = rest[start..end];
        rest = rest[end..];
        return word;
    }

    private static GeoPoint Pair(ReadOnlySpan<char> pair)
    {
        var comma = pair.IndexOf(',');
        if (comma < 0 || pair[(comma + 1)..].Contains(',') ||
            !CapValues.TryParseNumber(pair[..comma], out var lat) || !CapValues.TryParseNumber(pair[(comma + 1)..], out var lon))
            throw new WarningFormatException($"point '{CapValues.Shorten(pair.ToString())}' is not 'lat,lon'");
        return GeoShapeRules.Point(lat, lon);
    }

    /// <summary>eventCode, parameter, geocode: <c>valueName</c>/<c>value</c> pairs. A pair without a
    /// value says nothing and is skipped.</summary>
    private static NamedValue[] NamedValues(FeedElement parent, string name)
    {
        var count = Count(parent, name);
        if (count == 0) return [];
        var values = new NamedValue[count];
        var kept = 0;
        foreach (var element in Children(parent, name))
        {
            var value = Optional(element, "value") ?? "";
            if (value.Length > 0) values[kept++] = new NamedValue(Optional(element, "valueName") ?? "", value);
        }
        if (kept == 0) return [];
        if (kept < values.Length) Array.Resize(ref values, kept);
        return values;
    }

    private static T Enumerated<T>(FeedElement parent, string name) where T : struct, Enum =>
        CapValues.ParseEnum<T>(Required(parent, name), name);

    private static string Required(FeedElement parent, string name)
    {
        var element = Child(parent, name) ?? throw new WarningFormatException($"missing <{name}>");
        var value = element.Value.Trim();
        return value.Length > 0 ? value : throw new WarningFormatException($"<{name}> is empty");
    }

    private static string? Optional(FeedElement parent, string name) => Child(parent, name)?.Value.Trim();

    private static FeedElement? Child(FeedElement parent, string name) => parent.Element(parent.NamespaceName, name);

    private static FeedElement.NamedChildren Children(FeedElement parent, string name) => parent.Elements(parent.NamespaceName, name);

    /// <summary>Each child of that name, in order, read by <paramref name="read"/> with its number among them (from 1).</summary>
    private static T[] Each<T>(FeedElement parent, string name, Func<FeedElement, int, T> read)
    {
        var count = Count(parent, name);
        if (count == 0) return [];
        var items = new T[count];
        var number = 0;
        foreach (var child in Children(parent, name))
        {
            items[number] = read(child, number + 1);
            number++;
        }
        return items;
    }

    private static int Count(FeedElement parent, string name)
    {
        var count = 0;
        foreach (var _ in Children(parent, name)) count++;
        return count;
    }
}
