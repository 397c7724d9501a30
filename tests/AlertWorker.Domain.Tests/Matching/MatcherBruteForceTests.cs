using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Warnings;
using NetTopologySuite.Geometries;

namespace AlertWorker.Domain.Tests.Matching;

/// <summary>
/// The matcher against SPEC §5.1–5.3 done by brute force (every point, assignment and shift
/// tested, NTS <c>Covers</c> for polygons, its own haversine) on random directories big enough
/// for a deep spatial index: a few thousand points, a four-level region tree, overlapping shapes.
/// </summary>
public class MatcherBruteForceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 14, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly GeometryFactory Geometry = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Match_RandomDirectoryAndWarnings_SameAsBruteForce(int seed)
    {
        var random = new Random(seed);
        var directory = RandomDirectory(random);
        var matcher = new Matcher(directory);

        for (var w = 0; w < 100; w++)
        {
            var warning = WarningBuilder.Alert(areas: Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomArea(random, directory)).ToArray());

            var actual = matcher.Match(warning, Now);

            var expected = BruteForce(directory, warning);
            var context = $"seed {seed}, warning {w}";
            Assert.True(expected.HazardPoints.SequenceEqual(actual.HazardPoints), $"{context}: points");
            Assert.True(expected.Regions.SequenceEqual(actual.Regions), $"{context}: regions");
            Assert.True(expected.UnknownGeocodes.SequenceEqual(actual.UnknownGeocodes), $"{context}: unknown geocodes");
            Assert.Equal(expected.Candidates.Select(Describe), actual.Candidates.Select(Describe));
        }
    }

    private static string Describe(Candidate c) => $"{c.PersonId} {c.Role} {string.Join(",", c.HazardPoints)}";

    private static DirectorySnapshot RandomDirectory(Random random)
    {
        var regions = new List<Region> { new("R", "root", null) };
        var leaves = new List<string>();
        foreach (var county in Enumerable.Range(1, 6).Select(c => $"R{c:D2}"))
        {
            regions.Add(new Region(county, county, "R"));
            foreach (var township in Enumerable.Range(1, random.Next(3, 8)).Select(t => $"{county}{t:D3}"))
            {
                regions.Add(new Region(township, township, county));
                foreach (var village in Enumerable.Range(1, random.Next(2, 9)).Select(v => $"{township}{v:D3}"))
                {
                    regions.Add(new Region(village, village, township));
                    leaves.Add(village);
                }
            }
        }
        var codes = regions.Select(r => r.Code).ToList();
        // Points clustered by village, ids in an order that is not their ordinal order.
        var points = Enumerable.Range(0, random.Next(2_000, 4_000)).Select(i =>
        {
            var region = random.NextDouble() < 0.9 ? leaves[random.Next(leaves.Count)] : codes[random.Next(codes.Count)];
            var hash = region.GetHashCode(StringComparison.Ordinal);
            var (cx, cy) = (104 + (hash & 0xFF) / 255.0 * 2, 30 + ((hash >> 8) & 0xFF) / 255.0 * 2);
            return new HazardPoint($"HP-{random.Next(1_000_000):D6}-{i}", "p", "滑坡", region,
                Math.Round(cx + random.NextDouble() * 0.1, 3), Math.Round(cy + random.NextDouble() * 0.1, 3), 1, "", "");
        }).ToList();
        var people = Enumerable.Range(0, 400).Select(i => new Person(random.Next(2) == 0 ? $"P-{i}" : $"p{i}", "n", "+8613800000000", null, "zh-CN", null)).ToList();
        Role[] pointRoles = [Role.PreventionLead, Role.Monitor, Role.TechnicalLead];
        var assignments = points.SelectMany(p => Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => new Assignment(people[random.Next(people.Count)].Id, pointRoles[random.Next(3)], p.Id)))
            .Concat(Enumerable.Range(0, 150).Select(_ =>
                new Assignment(people[random.Next(people.Count)].Id, random.Next(2) == 0 ? Role.TownshipDuty : Role.CountyDuty, codes[random.Next(codes.Count)])))
            .Concat([new Assignment("nobody", Role.Monitor, points[0].Id)]) // an unknown person is never a candidate
            .Distinct().ToList();
        var shifts = Enumerable.Range(0, 60).Select(_ =>
        {
            var start = Now.AddHours(random.Next(-72, 24));
            return new Shift(people[random.Next(people.Count)].Id, random.Next(2) == 0 ? Role.DutyOfficer : Role.DutyLeader,
                start, start.AddHours(random.Next(1, 60)));
        }).ToList();
        return new DirectorySnapshot(regions, points, people, assignments, shifts);
    }

    private static WarningArea RandomArea(Random random, DirectorySnapshot directory)
    {
        var point = directory.HazardPoints[random.Next(directory.HazardPoints.Count)];
        switch (random.Next(4))
        {
            case 0:
                // A star-shaped polygon around a point: with a hole around it when the shell surely holds
                // the hole, else maybe with a corner exactly on the point.
                var count = random.Next(3, 13);
                var hole = count >= 10 && random.Next(3) == 0;
                var corners = Enumerable.Range(0, count).Select(k =>
                {
                    var angle = 2 * Math.PI * k / 12 + random.NextDouble() * 0.4;
                    var radius = 0.02 + random.NextDouble() * 0.3;
                    return new GeoPoint(point.Lat + radius * Math.Sin(angle), point.Lon + radius * Math.Cos(angle));
                }).ToList();
                if (!hole && random.Next(3) == 0) corners[0] = new GeoPoint(point.Lat, point.Lon);
                corners.Add(corners[0]);
                var holes = hole
                    ? new List<IReadOnlyList<GeoPoint>>
                    {
                        new List<GeoPoint> { new(point.Lat - 0.01, point.Lon - 0.01), new(point.Lat - 0.01, point.Lon + 0.01),
                            new(point.Lat + 0.01, point.Lon + 0.01), new(point.Lat + 0.01, point.Lon - 0.01), new(point.Lat - 0.01, point.Lon - 0.01) },
                    }
                    : [];
                return new WarningArea { Polygons = [new GeoPolygon(corners, holes)] };
            case 1:
                return new WarningArea { Circles = [new GeoCircle(new GeoPoint(point.Lat, point.Lon), random.Next(4) == 0 ? 0 : random.NextDouble() * 30)] };
            default:
                var codes = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(8) == 0
                    ? $"X{random.Next(100)}"
                    : directory.Regions[random.Next(directory.Regions.Count)].Code);
                return new WarningArea { Geocodes = codes.Select(c => new NamedValue("code", " " + c)).ToList() };
        }
    }

    /// <summary>SPEC §5.1–5.3 by brute force, ordered as MatchResult says (candidates by person id,
    /// then role name, then in the order found: points in id order, region roles and shifts in file order).</summary>
    private static MatchResult BruteForce(DirectorySnapshot d, Warning warning)
    {
        var regionCodes = d.Regions.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var parent = d.Regions.ToDictionary(r => r.Code, r => r.ParentCode, StringComparer.Ordinal);
        bool AncestorOrSelf(string ancestor, string region)
        {
            for (string? r = region; r is not null && regionCodes.Contains(r); r = parent[r])
                if (r == ancestor) return true;
            return false;
        }

        var areas = warning.Infos.SelectMany(i => i.Areas).ToList();
        var named = areas.SelectMany(a => a.Geocodes).Select(g => g.Value.Trim()).Where(regionCodes.Contains).ToHashSet(StringComparer.Ordinal);
        var unknown = areas.SelectMany(a => a.Geocodes).Select(g => g.Value.Trim()).Where(c => c.Length > 0 && !regionCodes.Contains(c))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var shapes = areas.SelectMany(a => a.Polygons).Select(p => Geometry.CreatePolygon(
            Geometry.CreateLinearRing(p.Shell.Select(c => new Coordinate(c.Lon, c.Lat)).ToArray()),
            p.Holes.Select(h => Geometry.CreateLinearRing(h.Select(c => new Coordinate(c.Lon, c.Lat)).ToArray())).ToArray())).ToList();
        var circles = areas.SelectMany(a => a.Circles).ToList();

        var points = d.HazardPoints.Where(p =>
                shapes.Any(s => s.Covers(Geometry.CreatePoint(new Coordinate(p.Lon, p.Lat))))
                || circles.Any(c => Haversine(c.Centre.Lat, c.Centre.Lon, p.Lat, p.Lon) <= c.RadiusKm)
                || named.Any(n => AncestorOrSelf(n, p.RegionCode)))
            .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var regions = named.Concat(points.Select(p => p.RegionCode)).Distinct().Order(StringComparer.Ordinal).ToList();

        var people = d.PeopleById;
        var candidates = points.SelectMany(p => d.Assignments.Where(a => a.Role.IsPointRole() && a.Scope == p.Id && people.ContainsKey(a.PersonId))
                .Select(a => new Candidate(a.PersonId, a.Role, [p.Id])))
            .Concat(d.Assignments.Where(a => a.Role.IsRegionRole() && people.ContainsKey(a.PersonId)
                    && regions.Any(r => AncestorOrSelf(a.Scope, r) || AncestorOrSelf(r, a.Scope)))
                .Select(a => new Candidate(a.PersonId, a.Role, points.Where(p => AncestorOrSelf(a.Scope, p.RegionCode)).Select(p => p.Id).ToList())))
            .Concat(regions.Count == 0 ? [] : d.Shifts.Where(s => s.Role.IsDutyRole() && people.ContainsKey(s.PersonId) && s.Start <= Now && Now < s.End)
                .Select(s => new Candidate(s.PersonId, s.Role, [])).DistinctBy(c => (c.PersonId, c.Role)))
            .OrderBy(c => c.PersonId, StringComparer.Ordinal).ThenBy(c => c.Role.ToName(), StringComparer.Ordinal)
            .ToList();
        return new MatchResult(points.Select(p => p.Id).ToList(), regions, candidates, unknown);
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0088;
        double Rad(double degrees) => degrees * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
