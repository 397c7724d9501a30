using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

public class NwsGeoJsonParserTests
{
    private const string Feature = """
        {"id":"https://api.weather.gov/alerts/urn:oid:1","type":"Feature",
         "geometry":{"type":"Polygon","coordinates":[[[-97.0,35.0],[-96.0,35.0],[-96.0,36.0],[-97.0,35.0]]]},
         "properties":{"id":"urn:oid:1","sender":"w-nws.webmaster@noaa.gov","sent":"2025-05-01T10:00:00-05:00",
           "status":"Actual","messageType":"Alert","category":"Met","event":"Tornado Warning",
           "urgency":"Immediate","severity":"Extreme","certainty":"Observed",
           "effective":"2025-05-01T10:00:00-05:00","onset":null,"expires":"2025-05-01T10:45:00-05:00","ends":null,
           "headline":"Tornado Warning","areaDesc":"Cleveland, OK",
           "geocode":{"SAME":["040027"],"UGC":["OKC027"]},
           "parameters":{"VTEC":["/O.NEW.KOUN.TO.W.0001.250501T1500Z-250501T1545Z/"],"BLOCKCHANNEL":["EAS","NWEM"]}}}
        """;

    private static ParsedDocument Parse(params string[] features) => Samples.ParseFeatures(features);

    [Fact]
    public void Parse_Feature_ReadsCapFieldsGeometryInLonLatOrderAndCodes()
    {
        var result = Parse(Feature);

        Assert.Equal(FeedKind.NwsGeoJson, result.Kind);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("w-nws.webmaster@noaa.gov|urn:oid:1", warning.Key);
        Assert.Equal((MsgType.Alert, WarningStatus.Actual, FeedKind.NwsGeoJson), (warning.MsgType, warning.Status, warning.Source));
        var info = Assert.Single(warning.Infos);
        Assert.Equal(("Tornado Warning", Severity.Extreme, "Immediate", "Observed"), (info.Event, info.Severity, info.Urgency, info.Certainty));
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 10, 45, 0, TimeSpan.FromHours(-5)), info.Expires);
        Assert.Null(info.Onset);
        var area = Assert.Single(info.Areas);
        Assert.Equal(new GeoPoint(Lat: 35.0, Lon: -97.0), Assert.Single(area.Polygons).Shell[0]);
        Assert.Equal([new NamedValue("SAME", "040027"), new NamedValue("UGC", "OKC027")], area.Geocodes);
        Assert.Equal(3, info.Parameters.Count);
    }

    [Fact]
    public void Parse_PynwsUpdate_ReadsFourReferencesAndBothCodeKinds()
    {
        var result = Fixtures.Parse("geojson/pynws-alerts-active-zone-update-4refs.json");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(MsgType.Update, warning.MsgType);
        Assert.Equal(4, warning.References.Count);
        Assert.All(warning.References, r => Assert.Equal("w-nws.webmaster@noaa.gov", r.Sender));
        var geocodes = warning.Infos[0].Areas[0].Geocodes;
        Assert.Contains(geocodes, g => g.ValueName == "UGC");
        Assert.Contains(geocodes, g => g.ValueName == "SAME");
        Assert.Contains(warning.Infos[0].Parameters, p => p.ValueName == "VTEC");
    }

    [Fact]
    public void Parse_PlaceholderDates_RejectsThoseFeaturesByName()
    {
        var result = Fixtures.Parse("geojson/weathergov-area-AL-2-updates-some-placeholder-dates.json");

        Assert.Equal(2, result.Rejections.Count);
        Assert.All(result.Rejections, r =>
        {
            Assert.StartsWith("feature urn:oid:", r.Part);
            Assert.Contains("'date:now", r.Error);
        });
    }

    [Fact]
    public void Parse_OneBadFeature_OthersGoOn()
    {
        var bad = Feature.Replace("urn:oid:1", "urn:oid:2").Replace("\"2025-05-01T10:45:00-05:00\"", "\"date:now +1 hour\"");

        var result = Parse(Feature, bad);

        Assert.Equal("urn:oid:1", Assert.Single(result.Warnings).Identifier);
        Assert.Equal(new Rejection("feature urn:oid:2", "expires 'date:now +1 hour' is not a date-time with offset"), Assert.Single(result.Rejections));
    }

    public static TheoryData<string, string, string> FeatureBreaks => new()
    {
        // no sender
        { "\"sender\":\"w-nws.webmaster@noaa.gov\",", "", "missing property 'sender'" },
        // empty event
        { "\"event\":\"Tornado Warning\"", "\"event\":\"\"", "property 'event' is empty" },
        // unknown severity word
        { "\"severity\":\"Extreme\"", "\"severity\":\"Huge\"", "severity 'Huge' is not one of" },
        // ring not closed
        { "[-97.0,35.0]]]", "[-97.0,35.5]]]", "polygon not closed" },
        // latitude out of range (GeoJSON order is lon,lat)
        { "[-97.0,35.0],[-96.0,35.0]", "[-97.0,35.0],[-96.0,95.0]", "latitude 95 is out of range" },
        // a Point is not an area
        { "{\"type\":\"Polygon\",\"coordinates\":[[[-97.0,35.0],[-96.0,35.0],[-96.0,36.0],[-97.0,35.0]]]}", "{\"type\":\"Point\",\"coordinates\":[-97.0,35.0]}", "geometry type 'Point' is not Polygon or MultiPolygon" },
        // a code list that is not an array
        { "\"UGC\":[\"OKC027\"]", "\"UGC\":\"OKC027\"", "property 'UGC' is not an array" },
    };

    [Theory]
    [MemberData(nameof(FeatureBreaks))]
    public void Parse_FeatureBreakingARule_IsRejectedNamingIt(string from, string to, string expected)
    {
        Assert.Contains(from, Feature);

        var result = Parse(Feature.Replace(from, to));

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("feature urn:oid:1", rejection.Part);
        Assert.Contains(expected, rejection.Error);
    }

    [Fact]
    public void Parse_NullGeometry_IsZoneBased()
    {
        var result = Parse(Feature.Replace("\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-97.0,35.0],[-96.0,35.0],[-96.0,36.0],[-97.0,35.0]]]}", "\"geometry\":null"));

        Assert.Empty(Assert.Single(result.Warnings).Infos[0].Areas[0].Polygons);
    }

    [Fact]
    public void Parse_EmptyCollection_IsAcceptedAndEmpty()
    {
        var result = Parse();

        Assert.Equal(FeedKind.NwsGeoJson, result.Kind);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Rejections);
    }
}
