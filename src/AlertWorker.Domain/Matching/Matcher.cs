using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Warnings;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace AlertWorker.Domain.Matching;

/// <summary>
/// Finds what a warning touches in one directory version (SPEC §5.1–5.3). Built once per
/// <see cref="DirectorySnapshot"/>: a spatial index of the hazard points, the region tree numbered
/// in pre-order (a subtree is a range of numbers), and the assignments by point and by region.
/// Immutable and thread-safe.
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
/// Scale (a province: 300,000 points, 600,000 people, bench/README.md): the work of a match grows
/// with what the warning touches, not with the directory. Points are numbered in ordinal order of
/// their ids and people ranked likewise, so results are sorted by comparing numbers; the region
/// roles concerned are found by walking up from each affected region and taking the range of its
/// subtree, not by testing every region role against every affected region.
/// </remarks>
public sealed class Matcher
{
    private static readonly GeometryFactory Geometry = new();

    /// <summary>Role ranks in ordinal order of their names, the candidates' second sort key.</summary>
    private static readonly int[] RoleRank = RankRoles();

    // Points, numbered in ordinal order of their ids: point p is Directory.HazardPoints[_pointOrder[p]].
    private readonly int[] _pointOrder;
    private readonly int[] _pointRegion;
    private readonly PointIndex _index;

    // Point roles of point p: Directory.Assignments[_pointRoles[k]] for k in _pointRoleStart[p] .. _pointRoleStart[p + 1] - 1.
    // Numbers rather than references: a province has 900,000 of them.
    private readonly int[] _pointRoleStart;
    private readonly int[] _pointRoles;
    private readonly int[] _pointRolePerson;

    // Regions, numbered in pre-order of the tree: the subtree of r is r .. _subtreeEnd[r] - 1.
    // Codes that points name but regions.csv does not (only in an unchecked snapshot) come after
    // the tree, as regions of their own that no geocode names and no role is scoped to.
    private readonly Dictionary<string, int> _regionNumber = new(StringComparer.Ordinal);
    private readonly int _treeRegions;
    private readonly string[] _regionCodes;
    private readonly int[] _regionRank;
    private readonly int[] _parent;
    private readonly int[] _subtreeEnd;

    // Points of region r: _regionPoints[_regionPointStart[r] .. _regionPointStart[r + 1]).
    private readonly int[] _regionPointStart;
    private readonly int[] _regionPoints;

    // Region roles scoped to region r: _regionRoles[_regionRoleStart[r] .. _regionRoleStart[r + 1]),
    // so those of a whole subtree are one range; each with its place among the region roles of the directory.
    private readonly int[] _regionRoleStart;
    private readonly Assignment[] _regionRoles;
    private readonly int[] _regionRolePerson;
    private readonly int[] _regionRoleOrder;

    // Duty shifts of known people, by start; a shift covering a moment starts at most _longestShift before it.
    private readonly Shift[] _dutyShifts;
    private readonly DateTimeOffset[] _dutyStarts;
    private readonly int[] _dutyPerson;
    private readonly TimeSpan _longestShift;

    public Matcher(DirectorySnapshot directory)
    {
        Directory = directory;
        var personRank = RankPeople(directory.People);

        (_treeRegions, _regionCodes, _parent, _subtreeEnd) = NumberRegions(directory, _regionNumber);
        _regionRank = RankCodes(_regionCodes);

        var points = directory.HazardPoints;
        _pointOrder = Enumerable.Range(0, points.Count).OrderBy(i => points[i].Id, StringComparer.Ordinal).ToArray();
        _pointRegion = new int[points.Count];
        var pointNumber = new Dictionary<string, int>(points.Count, StringComparer.Ordinal);
        for (var p = 0; p < points.Count; p++)
        {
            var point = Point(p);
            pointNumber.TryAdd(point.Id, p);
            _pointRegion[p] = _regionNumber[point.RegionCode];
        }
        _index = new PointIndex(_pointOrder.Select(i => points[i].Lon).ToArray(), _pointOrder.Select(i => points[i].Lat).ToArray());
        (_regionPointStart, _regionPoints) = Group(_regionCodes.Length, Enumerable.Range(0, points.Count).Select(p => (_pointRegion[p], p)));

        var assignments = directory.Assignments;
        var pointRoles = Enumerable.Range(0, assignments.Count)
            .Where(i => assignments[i].Role.IsPointRole() && pointNumber.ContainsKey(assignments[i].Scope) && directory.PeopleById.ContainsKey(assignments[i].PersonId))
            .ToList();
        (_pointRoleStart, var order) = Group(points.Count, pointRoles.Select((a, i) => (pointNumber[assignments[a].Scope], i)));
        _pointRoles = order.Select(i => pointRoles[i]).ToArray();
        _pointRolePerson = _pointRoles.Select(a => personRank[assignments[a].PersonId]).ToArray();

        var regionRoles = assignments.Where(a => a.Role.IsRegionRole() && directory.PeopleById.ContainsKey(a.PersonId)).ToList();
        var scoped = regionRoles.Select((a, i) => (Region: _regionNumber.GetValueOrDefault(a.Scope, -1), i))
            .Where(x => x.Region >= 0 && x.Region < _treeRegions);
        (_regionRoleStart, _regionRoleOrder) = Group(_regionCodes.Length, scoped);
        _regionRoles = _regionRoleOrder.Select(i => regionRoles[i]).ToArray();
        _regionRolePerson = _regionRoles.Select(a => personRank[a.PersonId]).ToArray();

        _dutyShifts = directory.Shifts.Where(s => s.Role.IsDutyRole() && directory.PeopleById.ContainsKey(s.PersonId))
            .OrderBy(s => s.Start).ToArray();
        _dutyStarts = _dutyShifts.Select(s => s.Start).ToArray();
        _dutyPerson = _dutyShifts.Select(s => personRank[s.PersonId]).ToArray();
        _longestShift = _dutyShifts.Select(s => s.End - s.Start).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>The directory version this matcher was built from.</summary>
    public DirectorySnapshot Directory { get; }

    /// <summary>The affected points and regions of a warning, and everyone concerned at <paramref name="now"/>.</summary>
    public MatchResult Match(Warning warning, DateTimeOffset now)
    {
        var hits = new List<int>();
        var named = new List<int>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var info in warning.Infos)
        {
            foreach (var area in info.Areas)
            {
                foreach (var polygon in area.Polygons) InPolygon(polygon, hits);
                foreach (var circle in area.Circles) InCircle(circle, hits);
                foreach (var geocode in area.Geocodes)
                {
                    var code = geocode.Value.Trim();
                    if (_regionNumber.TryGetValue(code, out var region) && region < _treeRegions) named.Add(region);
                    else if (code.Length > 0) unknown.Add(code);
                }
            }
        }
        foreach (var region in named) InSubtree(region, hits);
        var points = SortedDistinct(hits);

        var affected = new HashSet<int>(named);
        foreach (var point in points) affected.Add(_pointRegion[point]);

        var scopes = RegionRoleScopes(affected);
        var duty = affected.Count > 0 ? DutyOnShift(now) : [];
        var count = duty.Count;
        foreach (var point in points) count += _pointRoleStart[point + 1] - _pointRoleStart[point];
        foreach (var scope in scopes) count += _regionRoleStart[scope + 1] - _regionRoleStart[scope];

        // Sized exactly, so that the thousands of candidates of a county stay off the large object
        // heap (whose allocations bring on full collections of the whole directory).
        var keys = new ulong[count];
        var candidates = new Candidate[count];
        var next = 0;
        var sequence = 0u;
        foreach (var point in points)
        {
            for (var k = _pointRoleStart[point]; k < _pointRoleStart[point + 1]; k++, next++)
            {
                var assignment = Directory.Assignments[_pointRoles[k]];
                keys[next] = Key(_pointRolePerson[k], assignment.Role, sequence++);
                candidates[next] = new Candidate(assignment.PersonId, assignment.Role, [assignment.Scope]);
            }
        }
        var covered = Covered(scopes, points);
        foreach (var scope in scopes)
        {
            for (var k = _regionRoleStart[scope]; k < _regionRoleStart[scope + 1]; k++, next++)
            {
                var assignment = _regionRoles[k];
                keys[next] = Key(_regionRolePerson[k], assignment.Role, sequence + (uint)_regionRoleOrder[k]);
                candidates[next] = new Candidate(assignment.PersonId, assignment.Role, covered[scope]);
            }
        }
        sequence += (uint)_regionRoles.Length;
        foreach (var k in duty)
        {
            var shift = _dutyShifts[k];
            keys[next] = Key(_dutyPerson[k], shift.Role, sequence++);
            candidates[next++] = new Candidate(shift.PersonId, shift.Role, []);
        }
        Array.Sort(keys, candidates);

        return new MatchResult(
            points.Select(p => Point(p).Id).ToArray(),
            affected.OrderBy(r => _regionRank[r]).Select(r => _regionCodes[r]).ToArray(),
            candidates,
            unknown.ToArray());
    }

    /// <summary>The regions with region roles that are an ancestor of, equal to or a descendant of an
    /// affected region: up from each affected region, and its subtree's range below it.</summary>
    private List<int> RegionRoleScopes(HashSet<int> affected)
    {
        var seen = new HashSet<int>();
        var scopes = new List<int>();
        var coveredTo = -1; // the subtrees of affected regions below this number are taken already
        foreach (var region in affected.Order())
        {
            for (var up = region; up >= 0 && seen.Add(up); up = _parent[up])
            {
                if (HasRegionRoles(up)) scopes.Add(up);
            }
            if (region < coveredTo) continue;
            for (var down = region + 1; down < _subtreeEnd[region]; down++)
            {
                if (HasRegionRoles(down) && seen.Add(down)) scopes.Add(down);
            }
            coveredTo = _subtreeEnd[region];
        }
        return scopes;
    }

    /// <summary>For each scope, the affected points of its subtree in id order.</summary>
    private Dictionary<int, List<string>> Covered(List<int> scopes, List<int> points)
    {
        var covered = scopes.ToDictionary(s => s, _ => new List<string>());
        if (covered.Count == 0) return covered;
        foreach (var point in points)
        {
            for (var up = _pointRegion[point]; up >= 0; up = _parent[up])
            {
                if (covered.TryGetValue(up, out var list)) list.Add(Point(point).Id);
            }
        }
        return covered;
    }

    private HazardPoint Point(int p) => Directory.HazardPoints[_pointOrder[p]];

    private bool HasRegionRoles(int region) => _regionRoleStart[region] != _regionRoleStart[region + 1];

    /// <summary>The duty shifts (numbers in <see cref="_dutyShifts"/>) on at <paramref name="now"/>, one per person and role.</summary>
    private List<int> DutyOnShift(DateTimeOffset now)
    {
        var seen = new HashSet<(string, Role)>();
        var onShift = new List<int>();
        var first = now - DateTimeOffset.MinValue <= _longestShift ? 0 : LowerBound(_dutyStarts, now - _longestShift);
        for (var k = first; k < _dutyShifts.Length && _dutyStarts[k] <= now; k++)
        {
            var shift = _dutyShifts[k];
            if (shift.Covers(now) && seen.Add((shift.PersonId, shift.Role))) onShift.Add(k);
        }
        return onShift;
    }

    /// <summary>Sort key: person (ordinal rank of the id), role (ordinal rank of its name), then order of discovery.</summary>
    private static ulong Key(int personRank, Role role, uint sequence) =>
        ((ulong)(uint)personRank << 32) | ((ulong)(uint)RoleRank[(int)role] << 28) | (sequence & 0x0FFF_FFFF);

    private void InSubtree(int region, List<int> into)
    {
        for (var k = _regionPointStart[region]; k < _regionPointStart[_subtreeEnd[region]]; k++) into.Add(_regionPoints[k]);
    }

    private void InPolygon(GeoPolygon polygon, List<int> into)
    {
        var shell = Ring(polygon.Shell);
        if (shell is null) return;
        var holes = polygon.Holes.Select(Ring).OfType<LinearRing>().ToArray();
        var area = Geometry.CreatePolygon(shell, holes);
        var locator = new IndexedPointInAreaLocator(area);
        var box = area.EnvelopeInternal;
        var inBox = new List<int>();
        _index.Query(box.MinX, box.MinY, box.MaxX, box.MaxY, inBox);
        foreach (var p in inBox)
        {
            var point = Point(p);
            if (locator.Locate(new Coordinate(point.Lon, point.Lat)) != Location.Exterior) into.Add(p);
        }
    }

    private static LinearRing? Ring(IReadOnlyList<GeoPoint> corners)
    {
        var coordinates = corners.Select(c => new Coordinate(c.Lon, c.Lat)).ToList();
        if (coordinates.Count > 0 && !coordinates[0].Equals2D(coordinates[^1])) coordinates.Add(coordinates[0].Copy());
        return coordinates.Count < 4 ? null : Geometry.CreateLinearRing(coordinates.ToArray());
    }

    private void InCircle(GeoCircle circle, List<int> into)
    {
        if (circle.RadiusKm < 0) return;
        var (lat, lon) = (circle.Centre.Lat, circle.Centre.Lon);
        // Search box in degrees, a little wider than the circle; the exact test is the distance.
        var dLat = GreatCircle.ToDegrees(circle.RadiusKm / GreatCircle.EarthRadiusKm) * 1.01 + 1e-9;
        var edgeLat = Math.Abs(lat) + dLat;
        var dLon = edgeLat >= 89 ? 360 : dLat / Math.Cos(GreatCircle.ToRadians(edgeLat));
        var inBox = new List<int>();
        if (lon - dLon < -180 || lon + dLon > 180) _index.Query(-180, lat - dLat, 180, lat + dLat, inBox);
        else _index.Query(lon - dLon, lat - dLat, lon + dLon, lat + dLat, inBox);
        foreach (var p in inBox)
        {
            var point = Point(p);
            if (GreatCircle.DistanceKm(lat, lon, point.Lat, point.Lon) <= circle.RadiusKm) into.Add(p);
        }
    }

    private static List<int> SortedDistinct(List<int> numbers)
    {
        numbers.Sort();
        var distinct = new List<int>(numbers.Count);
        foreach (var n in numbers)
        {
            if (distinct.Count == 0 || distinct[^1] != n) distinct.Add(n);
        }
        return distinct;
    }

    private static int LowerBound(DateTimeOffset[] sorted, DateTimeOffset value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Numbers the regions in pre-order from each root (a region without a known parent), in
    /// file order; then the codes points name that are not regions. Returns the count of tree
    /// regions, the codes by number, each one's parent (-1 at a root) and the end of each subtree.</summary>
    private static (int, string[], int[], int[]) NumberRegions(DirectorySnapshot directory, Dictionary<string, int> number)
    {
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var roots = new List<string>();
        foreach (var region in directory.Regions)
        {
            if (!string.IsNullOrEmpty(region.ParentCode) && directory.RegionsByCode.ContainsKey(region.ParentCode))
            {
                if (!children.TryGetValue(region.ParentCode, out var list)) children[region.ParentCode] = list = [];
                list.Add(region.Code);
            }
            else roots.Add(region.Code);
        }
        // A cycle (never in a validated snapshot) has no root: start from its first region.
        var starts = roots.Concat(directory.Regions.Select(r => r.Code));

        var codes = new List<string>();
        var parents = new List<int>();
        var ends = new List<int>();
        foreach (var start in starts)
        {
            if (number.ContainsKey(start)) continue;
            var pending = new Stack<(string Code, int Parent, bool Leaving)>([(start, -1, false)]);
            while (pending.TryPop(out var item))
            {
                if (item.Leaving)
                {
                    ends[number[item.Code]] = codes.Count;
                    continue;
                }
                if (!number.TryAdd(item.Code, codes.Count)) continue;
                codes.Add(item.Code);
                parents.Add(item.Parent);
                ends.Add(-1);
                pending.Push((item.Code, item.Parent, true));
                var kids = children.GetValueOrDefault(item.Code) ?? [];
                for (var i = kids.Count - 1; i >= 0; i--) pending.Push((kids[i], number[item.Code], false));
            }
        }
        var tree = codes.Count;
        foreach (var point in directory.HazardPoints)
        {
            if (!number.TryAdd(point.RegionCode, codes.Count)) continue;
            codes.Add(point.RegionCode);
            parents.Add(-1);
            ends.Add(codes.Count);
        }
        return (tree, codes.ToArray(), parents.ToArray(), ends.ToArray());
    }

    /// <summary>Counting sort of (group, item) pairs: the start of each group (one more entry at the end) and the items in group order.</summary>
    private static (int[] Start, int[] Items) Group(int groups, IEnumerable<(int Group, int Item)> pairs)
    {
        var list = pairs.ToList();
        var start = new int[groups + 1];
        foreach (var (group, _) in list) start[group + 1]++;
        for (var g = 0; g < groups; g++) start[g + 1] += start[g];
        var next = start[..^1];
        var items = new int[list.Count];
        foreach (var (group, item) in list) items[next[group]++] = item;
        return (start, items);
    }

    private static Dictionary<string, int> RankPeople(IReadOnlyList<Person> people)
    {
        var ids = people.Select(p => p.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var rank = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++) rank[ids[i]] = i;
        return rank;
    }

    private static int[] RankCodes(string[] codes)
    {
        var order = Enumerable.Range(0, codes.Length).OrderBy(i => codes[i], StringComparer.Ordinal).ToArray();
        var rank = new int[codes.Length];
        for (var i = 0; i < order.Length; i++) rank[order[i]] = i;
        return rank;
    }

    private static int[] RankRoles()
    {
        var roles = Enum.GetValues<Role>();
        var rank = new int[roles.Length];
        var ordered = roles.OrderBy(r => r.ToName(), StringComparer.Ordinal).ToList();
        foreach (var role in roles) rank[(int)role] = ordered.IndexOf(role);
        return rank;
    }
}
