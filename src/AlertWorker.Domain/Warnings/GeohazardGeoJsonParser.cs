using System.Text.Json;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// A geological-hazard meteorological risk forecast (地质灾害气象风险预警, <c>geohazard-geojson</c>,
/// SPEC §3): one feature per risk zone, Polygon or MultiPolygon required. Properties <c>id</c>,
/// <c>issuer</c>, <c>issued</c>, <c>validFrom</c>, <c>validTo</c>, <c>level</c> 1..4 (1 = red,
/// highest; kept as <see cref="WarningInfo.RiskLevel"/>, severity 1 Extreme .. 4 Minor); optional
/// <c>regionCodes</c> (geocodes), <c>references</c> (the id of the feature it replaces, from the
/// same issuer: makes it an Update) and <c>status</c> (Actual, Exercise, Test). Key <c>issuer|id</c>.
/// </summary>
internal static class GeohazardGeoJsonParser
{
    public const string Event = "地质灾害气象风险预警";
    public const string RegionCodeName = "regionCode";

    /// <summary>Whether a feature looks like a geohazard zone rather than an NWS alert.</summary>
    public static bool IsGeohazardFeature(JsonElement feature) =>
        feature.ValueKind == JsonValueKind.Object &&
        feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object &&
        p.TryGetProperty("issuer", out _) && p.TryGetProperty("level", out _);

    public static ParsedDocument Parse(JsonElement features) =>
        GeoJsonReader.Features(features, FeedKind.GeohazardGeoJson, PartName, Read);

    private static string PartName(JsonElement feature, int position) =>
        GeoJsonReader.NameOf(feature, "issuer") is { } issuer && GeoJsonReader.NameOf(feature, "id") is { } id
            ? $"feature {WarningKey.Of(issuer, id)}"
            : $"feature #{position}";

    private static Warning Read(JsonElement feature)
    {
        var p = GeoJsonReader.Properties(feature);
        var issuer = GeoJsonReader.RequiredString(p, "issuer");
        var level = Level(p);
        var replaces = GeoJsonReader.OptionalString(p, "references");

        var info = new WarningInfo
        {
            Language = "zh-CN",
            Categories = ["Geo"],
            Event = Event,
            Severity = level switch { 1 => Severity.Extreme, 2 => Severity.Severe, 3 => Severity.Moderate, _ => Severity.Minor },
            RiskLevel = level,
            SenderName = issuer,
            Effective = GeoJsonReader.RequiredDate(p, "validFrom"),
            Expires = GeoJsonReader.RequiredDate(p, "validTo"),
            Areas =
            [
                new WarningArea
                {
                    Polygons = GeoJsonReader.Polygons(feature, required: true),
                    Geocodes = GeoJsonReader.Strings(p, "regionCodes").Select(code => new NamedValue(RegionCodeName, code)).ToList(),
                },
            ],
        };

        return new Warning
        {
            Sender = issuer,
            Identifier = GeoJsonReader.RequiredString(p, "id"),
            Sent = GeoJsonReader.RequiredDate(p, "issued"),
            Status = Status(p),
            MsgType = replaces is { Length: > 0 } ? MsgType.Update : MsgType.Alert,
            References = replaces is { Length: > 0 } ? [new WarningReference(issuer, replaces, null)] : [],
            Infos = [info],
            Source = FeedKind.GeohazardGeoJson,
        };
    }

    private static int Level(JsonElement properties)
    {
        if (!properties.TryGetProperty("level", out var level) || level.ValueKind == JsonValueKind.Null)
            throw new WarningFormatException("missing property 'level'");
        if (level.ValueKind == JsonValueKind.Number && level.TryGetInt32(out var value) && value is >= 1 and <= 4)
            return value;
        throw new WarningFormatException($"level {level.GetRawText()} is not 1, 2, 3 or 4");
    }

    private static WarningStatus Status(JsonElement properties) =>
        GeoJsonReader.OptionalString(properties, "status") switch
        {
            null or "" => WarningStatus.Actual,
            var text => CapValues.ParseEnum<WarningStatus>(text, "status") is var status
                && status is WarningStatus.Actual or WarningStatus.Exercise or WarningStatus.Test
                    ? status
                    : throw new WarningFormatException($"status '{text}' is not Actual, Exercise or Test"),
        };
}
