using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Warnings;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace AlertWorker.Domain.Matching;

/// <summary>
/// Finds what a warning touches in one directory version (SPEC §5.1–5.3). Built once per
/// <see cref="DirectorySnapshot"/>: a spatial index of the hazard points, the region tree's
/// children and ancestors, and the assignments by point and by region. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Geometry choices:
/// <list type="bullet">
/// <item>Polygons are tested on planar lon/lat coordinates (x = lon, y = lat), as CAP and GeoJSON
/// draw them; holes are respected. A point exactly on an edge or vertex (of the shell or of a hole)
/// counts as inside: a warning that touches a point should rather reach it. A ring that is not
/// closed is closed; one with fewer than three corners covers nothing.</item>
/// <item>Circles are measured on the ground: a point is inside when its haversine distance from the
/// centre is at most the radius in km (<see cref="GreatCircle"/>); radius 0 matches only the centre.</item>
/// <item>Geocode values are region codes whatever their valueName (trimmed, case-sensitive).</item>
/// </list>
/// </remarks>
public sealed class Matcher
{
    private static readonly GeometryFactory Geometry = new();

    private readonly STRtree<HazardPoint> _points = new();
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HazardPoint>> _pointsByRegion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Assignment>> _pointRoles = new(StringComparer.Ordinal);
    private readonly List<Assignment> _regionRoles = [];

    public Matcher(DirectorySnapshot directory)
    {
        Directory = directory;

        foreach (var point in directory.HazardPoints)
        {
            _points.Insert(new Envelope(point.Lon, point.Lon, point.Lat, point.Lat), point);
            ListFor(_pointsByRegion, point.RegionCode).Add(point);
        }
        _points.Build();

        foreach (var region in directory.Regions)
        {
            if (!string.IsNullOrEmpty(region.ParentCode)) ListFor(_children, region.ParentCode).Add(region.Code);
            _ancestors[region.Code] = directory.PathToRoot(region.Code).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var assignment in directory.Assignments)
        {
            if (!directory.PeopleById.ContainsKey(assignment.PersonId)) continue;
            if (assignment.Role.IsPointRole()) ListFor(_pointRoles, assignment.Scope).Add(assignment);
            else if (assignment.Role.IsRegionRole()) _regionRoles.Add(assignment);
        }
    }

    /// <summary>The directory version this matcher was built from.</summary>
    public DirectorySnapshot Directory { get; }

    /// <summary>The affected points and regions of a warning, and everyone concerned at <paramref name="now"/>.</summary>
    public MatchResult Match(Warning warning, DateTimeOffset now)
    {
        var points = new Dictionary<string, HazardPoint>(StringComparer.Ordinal);
        var namedRegions = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var area in warning.Infos.SelectMany(i => i.Areas))
        {
            foreach (var polygon in area.Polygons) AddAll(points, InPolygon(polygon));
            foreach (var circle in area.Circles) AddAll(points, InCircle(circle));
            foreach (var geocode in area.Geocodes)
            {
                var code = geocode.Value.Trim();
                if (_ancestors.ContainsKey(code)) namedRegions.Add(code);
                else if (code.Length > 0) unknown.Add(code);
            }
        }
        foreach (var code in namedRegions) AddAll(points, InSubtree(code));

        var regions = new SortedSet<string>(namedRegions, StringComparer.Ordinal);
        foreach (var point in points.Values) regions.Add(point.RegionCode);

        var pointIds = points.Keys.Order(StringComparer.Ordinal).ToList();
        var candidates = PointRoleCandidates(pointIds)
            .Concat(RegionRoleCandidates(regions, points.Values))
            .Concat(regions.Count == 0 ? [] : DutyCandidates(now))
            .OrderBy(c => c.PersonId, StringComparer.Ordinal)
            .ThenBy(c => c.Role.ToName(), StringComparer.Ordinal)
            .ToList();

        return new MatchResult(pointIds, regions.ToList(), candidates, unknown.ToList());
    }

    private IEnumerable<Candidate> PointRoleCandidates(IEnumerable<string> pointIds) =>
        pointIds.SelectMany(id => _pointRoles.GetValueOrDefault(id) ?? [])
            .Select(a => new Candidate(a.PersonId, a.Role, [a.Scope]));

    /// <summary>Region roles whose scope is an ancestor of, equal to or a descendant of an affected region.</summary>
    private IEnumerable<Candidate> RegionRoleCandidates(IReadOnlySet<string> regions, IEnumerable<HazardPoint> points)
    {
        foreach (var assignment in _regionRoles)
        {
            var scope = assignment.Scope;
            var onPath = regions.Any(r => IsAncestorOrSelf(scope, r) || IsAncestorOrSelf(r, scope));
            if (!onPath) continue;
            var covered = points.Where(p => IsAncestorOrSelf(scope, p.RegionCode))
                .Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
            yield return new Candidate(assignment.PersonId, assignment.Role, covered);
        }
    }

    private IEnumerable<Candidate> DutyCandidates(DateTimeOffset now) =>
        Directory.OnShift(now)
            .Where(s => s.Role.IsDutyRole() && Directory.PeopleById.ContainsKey(s.PersonId))
            .Select(s => new Candidate(s.PersonId, s.Role, []))
            .DistinctBy(c => (c.PersonId, c.Role));

    private bool IsAncestorOrSelf(string ancestor, string region) =>
        _ancestors.TryGetValue(region, out var path) && path.Contains(ancestor);

    private IEnumerable<HazardPoint> InSubtree(string regionCode)
    {
        var pending = new Stack<string>([regionCode]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var code))
        {
            if (!seen.Add(code)) continue;
            foreach (var point in _pointsByRegion.GetValueOrDefault(code) ?? []) yield return point;
            foreach (var child in _children.GetValueOrDefault(code) ?? []) pending.Push(child);
        }
    }

    private IEnumerable<HazardPoint> InPolygon(GeoPolygon polygon)
    {
        var shell = Ring(polygon.Shell);
        if (shell is null) return [];
        var holes = polygon.Holes.Select(Ring).OfType<LinearRing>().ToArray();
        var area = Geometry.CreatePolygon(shell, holes);
        var locator = new IndexedPointInAreaLocator(area);
        return _points.Query(area.EnvelopeInternal)
            .Where(p => locator.Locate(new Coordinate(p.Lon, p.Lat)) != Location.Exterior);
    }

    private static LinearRing? Ring(IReadOnlyList<GeoPoint> corners)
    {
        var coordinates = corners.Select(c => new Coordinate(c.Lon, c.Lat)).ToList();
        if (coordinates.Count > 0 && !coordinates[0].Equals2D(coordinates[^1])) coordinates.Add(coordinates[0].Copy());
        return coordinates.Count < 4 ? null : Geometry.CreateLinearRing(coordinates.ToArray());
    }

    private IEnumerable<HazardPoint> InCircle(GeoCircle circle)
    {
        if (circle.RadiusKm < 0) return [];
        var (lat, lon) = (circle.Centre.Lat, circle.Centre.Lon);
        // Search box in degrees, a little wider than the circle; the exact test is the distance.
        var dLat = GreatCircle.ToDegrees(circle.RadiusKm / GreatCircle.EarthRadiusKm) * 1.01 + 1e-9;
        var edgeLat = Math.Abs(lat) + dLat;
        var dLon = edgeLat >= 89 ? 360 : dLat / Math.Cos(GreatCircle.ToRadians(edgeLat));
        var box = lon - dLon < -180 || lon + dLon > 180
            ? new Envelope(-180, 180, lat - dLat, lat + dLat)
            : new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
        return _points.Query(box)
            .Where(p => GreatCircle.DistanceKm(lat, lon, p.Lat, p.Lon) <= circle.RadiusKm);
    }

    private static void AddAll(Dictionary<string, HazardPoint> into, IEnumerable<HazardPoint> points)
    {
        foreach (var point in points) into.TryAdd(point.Id, point);
    }

    private static List<TValue> ListFor<TValue>(Dictionary<string, List<TValue>> map, string key)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }
}
