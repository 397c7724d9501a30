using System.Text.Json;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The NWS <c>/alerts</c> GeoJSON FeatureCollection (<c>nws-geojson</c>): CAP fields in each
/// feature's <c>properties</c>, the polygon in <c>geometry</c> (often null: zone-based alerts name
/// their zones in <c>geocode</c> instead). Key <c>sender|properties.id</c>. Both SAME and UGC codes
/// become geocodes (both are region codes for matching). <c>expires</c> is the message's expiry,
/// as in NWS's CAP XML; <c>ends</c> (when the hazard ends) is only checked to be a date.
/// </summary>
internal static class NwsGeoJsonParser
{
    public static ParsedDocument Parse(JsonElement features) =>
        GeoJsonReader.Features(features, FeedKind.NwsGeoJson, PartName, Read);

    private static string PartName(JsonElement feature, int position) =>
        GeoJsonReader.NameOf(feature, "id", orFeature: true) is { Length: > 0 } id ? $"feature {id}" : $"feature #{position}";

    private static Warning Read(JsonElement feature)
    {
        var p = GeoJsonReader.Properties(feature);
        var identifier = GeoJsonReader.OptionalString(p, "id") is { Length: > 0 } id
            ? id
            : GeoJsonReader.RequiredString(feature, "id");
        var category = GeoJsonReader.RequiredString(p, "category");
        _ = GeoJsonReader.OptionalDate(p, "ends");

        var info = new WarningInfo
        {
            Language = GeoJsonReader.OptionalString(p, "language") is { Length: > 0 } language ? language : "en-US",
            Categories = [category],
            Event = GeoJsonReader.RequiredString(p, "event"),
            Urgency = GeoJsonReader.RequiredString(p, "urgency"),
            Severity = CapValues.ParseEnum<Severity>(GeoJsonReader.RequiredString(p, "severity"), "severity"),
            Certainty = GeoJsonReader.RequiredString(p, "certainty"),
            Effective = GeoJsonReader.OptionalDate(p, "effective"),
            Onset = GeoJsonReader.OptionalDate(p, "onset"),
            Expires = GeoJsonReader.OptionalDate(p, "expires"),
            SenderName = GeoJsonReader.OptionalString(p, "senderName"),
            Headline = GeoJsonReader.OptionalString(p, "headline"),
            Description = GeoJsonReader.OptionalString(p, "description"),
            Instruction = GeoJsonReader.OptionalString(p, "instruction"),
            Parameters = Parameters(p),
            Areas =
            [
                new WarningArea
                {
                    AreaDesc = GeoJsonReader.OptionalString(p, "areaDesc") ?? "",
                    Polygons = GeoJsonReader.Polygons(feature, required: false),
                    Geocodes = Geocodes(p),
                },
            ],
        };

        return new Warning
        {
            Sender = GeoJsonReader.RequiredString(p, "sender"),
            Identifier = identifier,
            Sent = GeoJsonReader.RequiredDate(p, "sent"),
            Status = CapValues.ParseEnum<WarningStatus>(GeoJsonReader.RequiredString(p, "status"), "status"),
            MsgType = CapValues.ParseEnum<MsgType>(GeoJsonReader.RequiredString(p, "messageType"), "messageType"),
            Scope = GeoJsonReader.OptionalString(p, "scope") is { Length: > 0 } scope ? scope : "Public",
            References = References(p),
            Infos = [info],
            Source = FeedKind.NwsGeoJson,
        };
    }

    private static IReadOnlyList<WarningReference> References(JsonElement properties)
    {
        if (!properties.TryGetProperty("references", out var references) || references.ValueKind == JsonValueKind.Null) return [];
        if (references.ValueKind != JsonValueKind.Array) throw new WarningFormatException("property 'references' is not an array");
        return references.EnumerateArray()
            .Select(r => new WarningReference(
                GeoJsonReader.RequiredString(r, "sender"),
                GeoJsonReader.RequiredString(r, "identifier"),
                GeoJsonReader.OptionalDate(r, "sent")))
            .ToList();
    }

    private static IReadOnlyList<NamedValue> Geocodes(JsonElement properties)
    {
        if (!properties.TryGetProperty("geocode", out var geocode) || geocode.ValueKind != JsonValueKind.Object) return [];
        return new[] { "SAME", "UGC" }
            .SelectMany(name => GeoJsonReader.Strings(geocode, name).Select(code => new NamedValue(name, code)))
            .ToList();
    }

    /// <summary><c>parameters</c>: an object of string arrays, one NamedValue per string.</summary>
    private static IReadOnlyList<NamedValue> Parameters(JsonElement properties)
    {
        if (!properties.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object) return [];
        return parameters.EnumerateObject()
            .SelectMany(parameter => GeoJsonReader.Strings(parameters, parameter.Name).Select(value => new NamedValue(parameter.Name, value)))
            .ToList();
    }
}
