namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The checks every shape passes, whatever format it came in: coordinates in range, rings of at
/// least four points whose first equals their last (CAP §3.2.4 and GeoJSON RFC 7946 §3.1.6 agree),
/// circle radius not negative (radius 0 is an epicentre).
/// </summary>
internal static class GeoShapeRules
{
    public static GeoPoint Point(double lat, double lon)
    {
        if (!double.IsFinite(lat) || lat is < -90 or > 90)
            throw new WarningFormatException($"latitude {lat} is out of range [-90, 90]");
        if (!double.IsFinite(lon) || lon is < -180 or > 180)
            throw new WarningFormatException($"longitude {lon} is out of range [-180, 180]");
        return new GeoPoint(lat, lon);
    }

    public static IReadOnlyList<GeoPoint> ClosedRing(IReadOnlyList<GeoPoint> points)
    {
        if (points.Count < 4)
            throw new WarningFormatException($"polygon has {points.Count} points, at least 4 are needed");
        if (points[0] != points[^1])
            throw new WarningFormatException("polygon not closed (first point differs from last)");
        return points;
    }

    public static GeoCircle Circle(GeoPoint centre, double radiusKm)
    {
        if (!double.IsFinite(radiusKm) || radiusKm < 0)
            throw new WarningFormatException($"circle radius {radiusKm} is negative");
        return new GeoCircle(centre, radiusKm);
    }
}
