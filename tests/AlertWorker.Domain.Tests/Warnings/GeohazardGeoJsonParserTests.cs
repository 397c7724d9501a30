using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

public class GeohazardGeoJsonParserTests
{
    private const string Zone = """
        {"type":"Feature",
         "geometry":{"type":"MultiPolygon","coordinates":[
            [[[113.0,24.0],[114.0,24.0],[114.0,25.0],[113.0,24.0]]],
            [[[115.0,24.0],[116.0,24.0],[116.0,25.0],[115.0,24.0]],[[115.2,24.1],[115.5,24.1],[115.5,24.4],[115.2,24.1]]]]},
         "properties":{"id":"GD-20250701-01","issuer":"广东省自然资源厅","issued":"2025-07-01T18:00:00+08:00",
           "validFrom":"2025-07-01T20:00:00+08:00","validTo":"2025-07-02T20:00:00+08:00","level":2,
           "regionCodes":["441800","440200"]}}
        """;

    private static ParsedDocument Parse(params string[] features) => Samples.ParseFeatures(features);

    [Fact]
    public void Parse_Zone_ReadsLevelValidityRegionsAndShapes()
    {
        var result = Parse(Zone);

        Assert.Equal(FeedKind.GeohazardGeoJson, result.Kind);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("广东省自然资源厅|GD-20250701-01", warning.Key);
        Assert.Equal((MsgType.Alert, WarningStatus.Actual, FeedKind.GeohazardGeoJson), (warning.MsgType, warning.Status, warning.Source));
        Assert.Equal(Level.Orange, warning.Level);
        var info = Assert.Single(warning.Infos);
        Assert.Equal(("地质灾害气象风险预警", "zh-CN", Severity.Severe, 2), (info.Event, info.Language, info.Severity, info.RiskLevel));
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 20, 0, 0, TimeSpan.FromHours(8)), info.Effective);
        Assert.Equal(new DateTimeOffset(2025, 7, 2, 20, 0, 0, TimeSpan.FromHours(8)), info.Expires);
        var area = Assert.Single(info.Areas);
        Assert.Equal(["441800", "440200"], area.Geocodes.Select(g => g.Value));
        Assert.Equal(2, area.Polygons.Count);
        Assert.Single(area.Polygons[1].Holes);
        Assert.Equal(new GeoPoint(Lat: 24.0, Lon: 113.0), area.Polygons[0].Shell[0]);
    }

    public static TheoryData<int, Severity, Level> Levels => new()
    {
        // 1 = very high risk, red
        { 1, Severity.Extreme, Level.Red },
        // 2 = high, orange
        { 2, Severity.Severe, Level.Orange },
        // 3 = fairly high, yellow
        { 3, Severity.Moderate, Level.Yellow },
        // 4 = some risk, blue
        { 4, Severity.Minor, Level.Blue },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void Parse_Level_MapsToSeverityAndColour(int level, Severity severity, Level colour)
    {
        var warning = Assert.Single(Parse(Zone.Replace("\"level\":2", $"\"level\":{level}")).Warnings);

        Assert.Equal((severity, colour), (warning.Infos[0].Severity, warning.Level));
    }

    [Fact]
    public void Parse_ZoneWithReferences_IsAnUpdateOfTheSameIssuersZone()
    {
        var warning = Assert.Single(Parse(Zone.Replace("\"level\":2", "\"level\":2,\"references\":\"GD-20250630-01\",\"status\":\"Exercise\"")).Warnings);

        Assert.Equal(MsgType.Update, warning.MsgType);
        Assert.Equal(WarningStatus.Exercise, warning.Status);
        Assert.Equal("广东省自然资源厅|GD-20250630-01", Assert.Single(warning.References).Key);
    }

    public static TheoryData<string, string, string> ZoneBreaks => new()
    {
        // level out of range
        { "\"level\":2", "\"level\":5", "level 5 is not 1, 2, 3 or 4" },
        // level as text
        { "\"level\":2", "\"level\":\"2\"", "level \"2\" is not 1, 2, 3 or 4" },
        // no id
        { "\"id\":\"GD-20250701-01\",", "", "missing property 'id'" },
        // validTo not a date
        { "\"validTo\":\"2025-07-02T20:00:00+08:00\"", "\"validTo\":\"明天20时\"", "validTo '明天20时' is not a date-time with offset" },
        // issued without offset
        { "\"issued\":\"2025-07-01T18:00:00+08:00\"", "\"issued\":\"2025-07-01T18:00:00\"", "issued '2025-07-01T18:00:00' is not a date-time with offset" },
        // a status the forecast kind does not have
        { "\"level\":2", "\"level\":2,\"status\":\"Draft\"", "status 'Draft' is not Actual, Exercise or Test" },
        // geometry is required
        { "\"geometry\":{\"type\":\"MultiPolygon\"", "\"geometry\":null,\"x\":{\"type\":\"MultiPolygon\"", "missing geometry" },
        // ring not closed
        { "[113.0,24.0]]]", "[113.0,24.5]]]", "polygon not closed" },
        // longitude out of range
        { "[114.0,24.0],[114.0,25.0]", "[194.0,24.0],[114.0,25.0]", "longitude 194 is out of range" },
    };

    [Theory]
    [MemberData(nameof(ZoneBreaks))]
    public void Parse_ZoneBreakingARule_IsRejectedNamingIt(string from, string to, string expected)
    {
        Assert.Contains(from, Zone);

        var result = Parse(Zone.Replace(from, to));

        var rejection = Assert.Single(result.Rejections);
        Assert.Contains(expected, rejection.Error);
        Assert.StartsWith("feature ", rejection.Part);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_OneBadZone_OthersGoOnAndTheBadOneIsNamed()
    {
        var bad = Zone.Replace("GD-20250701-01", "GD-20250701-02").Replace("\"level\":2", "\"level\":0");

        var result = Parse(Zone, bad);

        Assert.Equal("GD-20250701-01", Assert.Single(result.Warnings).Identifier);
        Assert.Equal("feature 广东省自然资源厅|GD-20250701-02", Assert.Single(result.Rejections).Part);
    }
}
