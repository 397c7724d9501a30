using System.Text.Json;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// What the two GeoJSON kinds share: the FeatureCollection walk where each feature stands alone,
/// typed property access with one-line errors, and Polygon/MultiPolygon geometry (positions are
/// <c>[lon, lat]</c>, RFC 7946 §3.1.1; a polygon is a shell and optional holes).
/// </summary>
internal static class GeoJsonReader
{
    /// <summary>Parses each feature with <paramref name="read"/>; a feature that breaks a rule becomes a
    /// rejection named by <paramref name="partName"/>, the others go on.</summary>
    public static ParsedDocument Features(
        JsonElement features, FeedKind kind, Func<JsonElement, int, string> partName, Func<JsonElement, Warning> read)
    {
        var warnings = new List<Warning>();
        var rejections = new List<Rejection>();
        var position = 0;
        foreach (var feature in features.EnumerateArray())
        {
            position++;
            try
            {
                if (feature.ValueKind != JsonValueKind.Object) throw new WarningFormatException("feature is not a JSON object");
                warnings.Add(read(feature));
            }
            catch (WarningFormatException ex)
            {
                rejections.Add(new Rejection(partName(feature, position), ex.Message));
            }
        }
        return new ParsedDocument { Kind = kind, Warnings = warnings, Rejections = rejections };
    }

    public static JsonElement Properties(JsonElement feature) =>
        feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties
            : throw new WarningFormatException("feature has no properties object");

    /// <summary>For naming a feature that may be broken: the string at <c>properties.name</c>, or
    /// (when <paramref name="orFeature"/>) at the feature's own <c>name</c>; never throws.</summary>
    public static string? NameOf(JsonElement feature, string name, bool orFeature = false)
    {
        static string? Text(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
        var properties = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) ? p : default;
        return Text(properties, name) is { Length: > 0 } text ? text
            : orFeature ? Text(feature, name)
            : null;
    }

    /// <summary>A string property; null when absent or JSON null.</summary>
    public static string? OptionalString(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Null => null,
            _ => throw new WarningFormatException($"property '{name}' is not a string"),
        };
    }

    public static string RequiredString(JsonElement obj, string name) =>
        OptionalString(obj, name) switch
        {
            null => throw new WarningFormatException($"missing property '{name}'"),
            { Length: 0 } => throw new WarningFormatException($"property '{name}' is empty"),
            var value => value,
        };

    public static DateTimeOffset RequiredDate(JsonElement obj, string name) =>
        CapValues.ParseDate(RequiredString(obj, name), name);

    public static DateTimeOffset? OptionalDate(JsonElement obj, string name) =>
        CapValues.ParseOptionalDate(OptionalString(obj, name), name);

    /// <summary>The strings of an array property; empty when absent or null.</summary>
    public static IReadOnlyList<string> Strings(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.Array) throw new WarningFormatException($"property '{name}' is not an array");
        return value.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.String
                ? v.GetString()!.Trim()
                : throw new WarningFormatException($"property '{name}' holds a value that is not a string"))
            .Where(v => v.Length > 0)
            .ToList();
    }

    /// <summary>The feature's Polygon or MultiPolygon; empty for a null or absent geometry unless
    /// <paramref name="required"/>.</summary>
    public static IReadOnlyList<GeoPolygon> Polygons(JsonElement feature, bool required)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
            return required ? throw new WarningFormatException("missing geometry (Polygon or MultiPolygon)") : [];
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("coordinates", out var coordinates))
            throw new WarningFormatException("geometry has no coordinates");
        return OptionalString(geometry, "type") switch
        {
            "Polygon" => [Polygon(coordinates)],
            "MultiPolygon" => Array(coordinates, "MultiPolygon").Select(Polygon).ToList(),
            var other => throw new WarningFormatException($"geometry type '{other}' is not Polygon or MultiPolygon"),
        };
    }

    private static GeoPolygon Polygon(JsonElement rings)
    {
        var closed = Array(rings, "Polygon").Select(Ring).ToList();
        if (closed.Count == 0) throw new WarningFormatException("polygon has no ring");
        return new GeoPolygon(closed[0], closed.Skip(1).ToList());
    }

    private static IReadOnlyList<GeoPoint> Ring(JsonElement ring) =>
        GeoShapeRules.ClosedRing(Array(ring, "ring").Select(Position).ToList());

    private static GeoPoint Position(JsonElement position)
    {
        var numbers = Array(position, "position").ToList();
        if (numbers.Count < 2 || numbers.Any(n => n.ValueKind != JsonValueKind.Number))
            throw new WarningFormatException("position is not [lon, lat]");
        return GeoShapeRules.Point(lat: numbers[1].GetDouble(), lon: numbers[0].GetDouble());
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray()
            : throw new WarningFormatException($"{what} coordinates are not an array");
}
