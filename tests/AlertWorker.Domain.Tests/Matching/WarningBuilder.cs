using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Matching;

/// <summary>Warnings and areas for tests, built directly (no parser).</summary>
internal static class WarningBuilder
{
    public static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.FromHours(8));

    public static Warning Alert(
        string identifier = "W-1",
        Severity severity = Severity.Extreme,
        WarningStatus status = WarningStatus.Actual,
        MsgType msgType = MsgType.Alert,
        DateTimeOffset? expires = null,
        string[]? references = null,
        params WarningArea[] areas) => new()
    {
        Sender = "cma@example.org",
        Identifier = identifier,
        Sent = Now.AddMinutes(-5),
        Status = status,
        MsgType = msgType,
        Source = FeedKind.Cap,
        References = (references ?? []).Select(r => new WarningReference("cma@example.org", r, null)).ToList(),
        Infos =
        [
            new WarningInfo { Event = "暴雨", Severity = severity, Expires = expires ?? Now.AddHours(6), Areas = areas },
        ],
    };

    public static string KeyOf(string identifier) => WarningKey.Of("cma@example.org", identifier);

    /// <summary>A polygon from (lon, lat) corners; closed for you.</summary>
    public static WarningArea Polygon(params (double Lon, double Lat)[] corners) =>
        new() { Polygons = [new GeoPolygon(Ring(corners))] };

    public static WarningArea PolygonWithHole((double Lon, double Lat)[] shell, (double Lon, double Lat)[] hole) =>
        new() { Polygons = [new GeoPolygon(Ring(shell), [Ring(hole)])] };

    public static WarningArea Circle(double lon, double lat, double radiusKm) =>
        new() { Circles = [new GeoCircle(new GeoPoint(lat, lon), radiusKm)] };

    public static WarningArea Geocode(string value, string valueName = "行政区划代码") =>
        new() { Geocodes = [new NamedValue(valueName, value)] };

    /// <summary>The square [lon0, lon1] x [lat0, lat1].</summary>
    public static WarningArea Box(double lon0, double lat0, double lon1, double lat1) =>
        Polygon((lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1));

    private static List<GeoPoint> Ring((double Lon, double Lat)[] corners) =>
        corners.Append(corners[0]).Select(c => new GeoPoint(c.Lat, c.Lon)).ToList();
}
