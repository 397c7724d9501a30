using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Warnings;
using static AlertWorker.Domain.Tests.Matching.WarningBuilder;

namespace AlertWorker.Domain.Tests.Matching;

public class MatcherTests
{
    private const double EarthKm = 6371.0088;

    /// <summary>Degrees of longitude to go <paramref name="km"/> east along the parallel at <paramref name="lat"/>.</summary>
    private static double KmEast(double lat, double km) =>
        2 * Math.Asin(Math.Sin(km / (2 * EarthKm)) / Math.Cos(lat * Math.PI / 180)) * 180 / Math.PI;

    private static double KmNorth(double km) => km / EarthKm * 180 / Math.PI;

    private static readonly (double, double)[] Square = [(104, 30), (104.2, 30), (104.2, 30.2), (104, 30.2)];
    private static readonly (double, double)[] Hole = [(104.05, 30.05), (104.15, 30.05), (104.15, 30.15), (104.05, 30.15)];
    // An L shape: the notch is the square [104.1, 104.2] x [30.1, 30.2].
    private static readonly (double, double)[] LShape =
        [(104, 30), (104.2, 30), (104.2, 30.1), (104.1, 30.1), (104.1, 30.2), (104, 30.2)];

    public static TheoryData<string, WarningArea, double, double, bool> Shapes => new()
    {
        // well inside the square
        { "polygon inside", Polygon(Square), 104.1, 30.1, true },
        // east of the square
        { "polygon outside", Polygon(Square), 104.3, 30.1, false },
        // on the southern edge: boundary counts as inside
        { "polygon edge", Polygon(Square), 104.1, 30.0, true },
        // on a corner
        { "polygon vertex", Polygon(Square), 104.2, 30.2, true },
        // inside the hole: not covered
        { "hole inside", PolygonWithHole(Square, Hole), 104.1, 30.1, false },
        // between the hole and the shell
        { "hole ring", PolygonWithHole(Square, Hole), 104.02, 30.1, true },
        // on the hole's edge: still the polygon's boundary, inside
        { "hole edge", PolygonWithHole(Square, Hole), 104.05, 30.1, true },
        // concave polygon: the notch is outside although inside the bounding box
        { "concave notch", Polygon(LShape), 104.15, 30.15, false },
        // concave polygon: the foot of the L
        { "concave foot", Polygon(LShape), 104.15, 30.05, true },
        // open ring as given by a sloppy source is closed before the test
        { "unclosed ring", new WarningArea { Polygons = [new GeoPolygon([new(30, 104), new(30, 104.2), new(30.2, 104.2)])] }, 104.15, 30.05, true },
        // 9.9 km north of the centre at latitude 30, radius 10 km
        { "circle 9.9 km north", Circle(104, 30, 10), 104, 30 + KmNorth(9.9), true },
        // 10.1 km north
        { "circle 10.1 km north", Circle(104, 30, 10), 104, 30 + KmNorth(10.1), false },
        // 9.9 km east: about 0.1028° of longitude, more than 10 km worth of latitude degrees
        { "circle 9.9 km east", Circle(104, 30, 10), 104 + KmEast(30, 9.9), 30, true },
        // 10.1 km east
        { "circle 10.1 km east", Circle(104, 30, 10), 104 + KmEast(30, 10.1), 30, false },
        // radius 0 matches the exact centre
        { "radius 0 centre", Circle(104, 30, 0), 104, 30, true },
        // radius 0 matches nothing else
        { "radius 0 near", Circle(104, 30, 0), 104.000001, 30, false },
        // a circle across the antimeridian
        { "circle antimeridian", Circle(179.99, 0, 5), -179.99, 0, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Match_PointAgainstShape_InsideAsExpected(string row, WarningArea area, double lon, double lat, bool inside)
    {
        var matcher = new Matcher(new DirectoryBuilder().Region("R").Point("HP-1", "R", lon, lat).Build());

        var result = matcher.Match(Alert(areas: area), Now);

        Assert.True(inside == result.HazardPoints.Contains("HP-1"), row);
    }

    /// <summary>51 > 5101 > {510101 > {510101001, 510101002}, 510102}; 5102 is a sibling county.</summary>
    private static DirectoryBuilder Tree() => new DirectoryBuilder()
        .Region("51").Region("5101", "51").Region("5102", "51")
        .Region("510101", "5101").Region("510102", "5101")
        .Region("510101001", "510101").Region("510101002", "510101")
        .Point("HP-V1", "510101001", 104.01, 30.01)
        .Point("HP-T1", "510101", 104.11, 30.01)
        .Point("HP-T2", "510102", 104.51, 30.51)
        .Point("HP-C2", "5102", 105.01, 31.01);

    public static TheoryData<string, WarningArea[], string[], string[], string[]> Geocodes => new()
    {
        // a township's code catches its own points and its villages' points
        { "township", [Geocode("510101")], ["HP-T1", "HP-V1"], ["510101", "510101001"], [] },
        // the valueName does not matter: UGC/SAME values are region codes too
        { "any valueName", [Geocode("510101", "UGC")], ["HP-T1", "HP-V1"], ["510101", "510101001"], [] },
        // a county catches every point below it
        { "county", [Geocode("5101")], ["HP-T1", "HP-T2", "HP-V1"], ["5101", "510101", "510101001", "510102"], [] },
        // a village without points is still an affected region
        { "empty village", [Geocode("510101002")], [], ["510101002"], [] },
        // unknown codes are ignored and reported
        { "unknown", [Geocode("999999"), Geocode("510102")], ["HP-T2"], ["510102"], ["999999"] },
        // a polygon adds its points' regions
        { "polygon regions", [Box(104, 30, 104.05, 30.05)], ["HP-V1"], ["510101001"], [] },
    };

    [Theory]
    [MemberData(nameof(Geocodes))]
    public void Match_Geocodes_CatchSubtree(string row, WarningArea[] areas, string[] points, string[] regions, string[] unknown)
    {
        var result = new Matcher(Tree().Build()).Match(Alert(areas: areas), Now);

        Assert.True(points.SequenceEqual(result.HazardPoints), $"{row}: points {string.Join(",", result.HazardPoints)}");
        Assert.True(regions.SequenceEqual(result.Regions), $"{row}: regions {string.Join(",", result.Regions)}");
        Assert.True(unknown.SequenceEqual(result.UnknownGeocodes), $"{row}: unknown {string.Join(",", result.UnknownGeocodes)}");
    }

    [Fact]
    public void Match_AreasOfSeveralInfos_AreUnited()
    {
        var first = Alert(areas: Geocode("510102"));
        var warning = first with { Infos = [.. first.Infos, new WarningInfo { Event = "x", Areas = [Geocode("5102")] }] };

        var result = new Matcher(Tree().Build()).Match(warning, Now);

        Assert.Equal(["HP-C2", "HP-T2"], result.HazardPoints);
    }

    public static TheoryData<string, WarningArea, string, string, string[]?> RegionRoles => new()
    {
        // the county of an affected village point: ancestor, matched with the point
        { "ancestor county", Box(104, 30, 104.05, 30.05), "5101", "P", ["HP-V1"] },
        // the township of the point
        { "ancestor township", Box(104, 30, 104.05, 30.05), "510101", "P", ["HP-V1"] },
        // the point's own village
        { "equal", Box(104, 30, 104.05, 30.05), "510101001", "P", ["HP-V1"] },
        // the root
        { "root", Box(104, 30, 104.05, 30.05), "51", "P", ["HP-V1"] },
        // a sibling township is not on the root path
        { "sibling township", Box(104, 30, 104.05, 30.05), "510102", "P", null },
        // a sibling village neither
        { "sibling village", Box(104, 30, 104.05, 30.05), "510101002", "P", null },
        // a named county reaches down to a township below it, with that township's points only
        { "descendant township", Geocode("5101"), "510102", "P", ["HP-T2"] },
        // a descendant without affected points is matched with no points
        { "descendant empty", Geocode("510101"), "510101002", "P", [] },
        // the other county is not on the path
        { "other county", Geocode("5101"), "5102", "P", null },
    };

    [Theory]
    [MemberData(nameof(RegionRoles))]
    public void Match_RegionRole_OnRootPathOnly(string row, WarningArea area, string scope, string person, string[]? points)
    {
        var directory = Tree().Assign(person, Role.TownshipDuty, scope).Build();

        var result = new Matcher(directory).Match(Alert(areas: area), Now);

        var candidate = result.Candidates.SingleOrDefault(c => c.PersonId == person);
        Assert.True(points is null == candidate is null, row);
        if (points is not null) Assert.True(points.SequenceEqual(candidate!.HazardPoints), row);
    }

    [Fact]
    public void Match_PointRoles_OfAffectedPointsOnly()
    {
        var directory = Tree()
            .Assign("P-1", Role.Monitor, "HP-V1")
            .Assign("P-1", Role.PreventionLead, "HP-T1")
            .Assign("P-2", Role.TechnicalLead, "HP-T2")
            .Build();

        var result = new Matcher(directory).Match(Alert(areas: Geocode("510101")), Now);

        Assert.Equal(
            [new Candidate("P-1", Role.Monitor, ["HP-V1"]), new Candidate("P-1", Role.PreventionLead, ["HP-T1"])],
            result.Candidates,
            CandidateComparer.Instance);
    }

    private static readonly DateTimeOffset ShiftStart = new(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, DateTimeOffset, bool> ShiftTimes => new()
    {
        // the start is inclusive
        { "at start", ShiftStart, true },
        // a second before the start
        { "before start", ShiftStart.AddSeconds(-1), false },
        // a second before the end
        { "before end", ShiftStart.AddHours(12).AddSeconds(-1), true },
        // the end is exclusive
        { "at end", ShiftStart.AddHours(12), false },
        // the same instant in another offset
        { "other offset", ShiftStart.ToUniversalTime(), true },
    };

    [Theory]
    [MemberData(nameof(ShiftTimes))]
    public void Match_DutyRoster_OnShiftAtNow(string row, DateTimeOffset now, bool onShift)
    {
        var directory = Tree()
            .Shift("P-O", Role.DutyOfficer, ShiftStart, ShiftStart.AddHours(12))
            .Shift("P-L", Role.DutyLeader, ShiftStart, ShiftStart.AddHours(12))
            .Build();

        var result = new Matcher(directory).Match(Alert(areas: Geocode("5102")), now);

        var expected = onShift ? new[] { "P-L:duty-leader", "P-O:duty-officer" } : [];
        Assert.True(expected.SequenceEqual(result.Candidates.Select(c => $"{c.PersonId}:{c.Role.ToName()}")), row);
        Assert.All(result.Candidates, c => Assert.Empty(c.HazardPoints));
    }

    [Fact]
    public void Match_NoAffectedRegions_NoDutyRoles()
    {
        var directory = Tree().Shift("P-O", Role.DutyOfficer, Now.AddHours(-1), Now.AddHours(1)).Build();

        var result = new Matcher(directory).Match(Alert(areas: [Box(0, 0, 1, 1), Geocode("999")]), Now);

        Assert.Empty(result.Regions);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Match_EmptyDirectory_MatchesNothing()
    {
        var result = new Matcher(new DirectoryBuilder().Build()).Match(Alert(areas: [Box(-180, -90, 180, 90), Circle(0, 0, 100)]), Now);

        Assert.Empty(result.HazardPoints);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Match_Candidates_ByPersonIdOrdinalThenRoleNameThenPoint()
    {
        // Ordinal: "P-10" < "P-9" < "Q" < "p-1"; each person's roles by name; a role held for two
        // points gives one candidate per point, in point order.
        var directory = Tree()
            .Assign("p-1", Role.Monitor, "HP-T1")
            .Assign("P-9", Role.TechnicalLead, "HP-V1")
            .Assign("P-9", Role.Monitor, "HP-T1")
            .Assign("Q", Role.TownshipDuty, "510101")
            .Assign("P-10", Role.PreventionLead, "HP-T1")
            .Assign("P-10", Role.PreventionLead, "HP-V1")
            .Assign("P-10", Role.CountyDuty, "5101")
            .Shift("P-10", Role.DutyOfficer, Now.AddHours(-1), Now.AddHours(1))
            .Build();

        var result = new Matcher(directory).Match(Alert(areas: Geocode("510101")), Now);

        Assert.Equal(
            [
                "P-10 county-duty HP-T1,HP-V1", "P-10 duty-officer ", "P-10 prevention-lead HP-T1", "P-10 prevention-lead HP-V1",
                "P-9 monitor HP-T1", "P-9 technical-lead HP-V1", "Q township-duty HP-T1,HP-V1", "p-1 monitor HP-T1",
            ],
            result.Candidates.Select(c => $"{c.PersonId} {c.Role.ToName()} {string.Join(",", c.HazardPoints)}"));
    }

    [Fact]
    public void Match_LongShiftAmongDailyOnes_StillOnShift()
    {
        // The leader's month-long shift started long before the daily officers' shifts around now.
        var builder = Tree().Shift("P-L", Role.DutyLeader, Now.AddDays(-20), Now.AddDays(10));
        for (var day = -30; day < 30; day++) builder.Shift($"P-O{day + 30:D2}", Role.DutyOfficer, Now.AddDays(day).AddHours(-2), Now.AddDays(day + 1).AddHours(-2));
        builder.Shift("P-O30", Role.DutyOfficer, Now.AddHours(-1), Now.AddHours(1)); // the same officer twice over now
        var directory = builder.Build();

        var result = new Matcher(directory).Match(Alert(areas: Geocode("5102")), Now);

        Assert.Equal(["P-L:duty-leader", "P-O30:duty-officer"], result.Candidates.Select(c => $"{c.PersonId}:{c.Role.ToName()}"));
    }

    [Fact]
    public void Match_NestedAreas_EachRegionRoleOnce()
    {
        // The county, a township inside it and a box around a village point: one candidate per role.
        var directory = Tree()
            .Assign("P-C", Role.CountyDuty, "5101")
            .Assign("P-T", Role.TownshipDuty, "510101")
            .Assign("P-V", Role.TownshipDuty, "510101002")
            .Assign("P-R", Role.CountyDuty, "51")
            .Build();

        var result = new Matcher(directory).Match(Alert(areas: [Geocode("510101"), Geocode("5101"), Box(104, 30, 104.05, 30.05)]), Now);

        Assert.Equal(
            ["P-C 5101 HP-T1,HP-T2,HP-V1", "P-R 51 HP-T1,HP-T2,HP-V1", "P-T 510101 HP-T1,HP-V1", "P-V 510101002 "],
            result.Candidates.Select(c => $"{c.PersonId} {directory.Assignments.Single(a => a.PersonId == c.PersonId).Scope} {string.Join(",", c.HazardPoints)}"));
    }

    [Fact]
    public void Match_PointOfRegionMissingFromTree_ReportedWithItsRegion()
    {
        // Only an unchecked snapshot has one (the loader refuses it): the point still counts, its
        // region is affected, and no geocode or region role reaches it through the tree.
        var directory = Tree().Point("HP-X", "7777", 104.02, 30.02).Assign("P-X", Role.TownshipDuty, "7777").Build();

        var result = new Matcher(directory).Match(Alert(areas: [Box(104, 30, 104.05, 30.05), Geocode("7777")]), Now);

        Assert.Equal(["HP-V1", "HP-X"], result.HazardPoints);
        Assert.Equal(["510101001", "7777"], result.Regions);
        Assert.Equal(["7777"], result.UnknownGeocodes);
        Assert.Empty(result.Candidates);
    }

    private sealed class CandidateComparer : IEqualityComparer<Candidate>
    {
        public static readonly CandidateComparer Instance = new();

        public bool Equals(Candidate? x, Candidate? y) =>
            x is not null && y is not null && x.PersonId == y.PersonId && x.Role == y.Role
            && x.HazardPoints.SequenceEqual(y.HazardPoints);

        public int GetHashCode(Candidate obj) => HashCode.Combine(obj.PersonId, obj.Role);
    }
}
