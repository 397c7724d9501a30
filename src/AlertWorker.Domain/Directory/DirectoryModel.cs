namespace AlertWorker.Domain.Directory;

/// <summary>A node of the region tree: 行政区划代码 or UGC/SAME code. Empty parent = root.</summary>
public sealed record Region(string Code, string Name, string? ParentCode);

public sealed record HazardPoint(
    string Id,
    string Name,
    string Type,
    string RegionCode,
    double Lon,
    double Lat,
    int ThreatenedPeople,
    string EvacuationRoute,
    string Shelter);

public sealed record Person(
    string Id,
    string Name,
    string? Phone,
    string? Email,
    string Language,
    string? RegionCode)
{
    public bool HasPhone => !string.IsNullOrEmpty(Phone);
    public bool HasEmail => !string.IsNullOrEmpty(Email);
}

/// <summary>Who answers for what. Point roles name a hazard point id as scope; region roles a region code.</summary>
public enum Role
{
    PreventionLead,
    Monitor,
    TechnicalLead,
    TownshipDuty,
    CountyDuty,
    DutyOfficer,
    DutyLeader,
}

public sealed record Assignment(string PersonId, Role Role, string Scope);

/// <summary>A duty shift: holds from Start (inclusive) to End (exclusive).</summary>
public sealed record Shift(string PersonId, Role Role, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Covers(DateTimeOffset at) => Start <= at && at < End;
}

public static class Roles
{
    public static bool IsPointRole(this Role role) =>
        role is Role.PreventionLead or Role.Monitor or Role.TechnicalLead;

    public static bool IsRegionRole(this Role role) => role is Role.TownshipDuty or Role.CountyDuty;

    public static bool IsDutyRole(this Role role) => role is Role.DutyOfficer or Role.DutyLeader;

    /// <summary>The kebab-case name used in CSV, YAML and JSON (<c>prevention-lead</c>).</summary>
    public static string ToName(this Role role) => role switch
    {
        Role.PreventionLead => "prevention-lead",
        Role.Monitor => "monitor",
        Role.TechnicalLead => "technical-lead",
        Role.TownshipDuty => "township-duty",
        Role.CountyDuty => "county-duty",
        Role.DutyOfficer => "duty-officer",
        Role.DutyLeader => "duty-leader",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out Role role)
    {
        foreach (var r in Enum.GetValues<Role>())
        {
            if (string.Equals(r.ToName(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}

/// <summary>
/// One consistent version of the whole directory, already validated (every reference resolves,
/// the region tree is acyclic). Immutable; the matcher is built from it once per version.
/// </summary>
public sealed class DirectorySnapshot
{
    public DirectorySnapshot(
        IReadOnlyList<Region> regions,
        IReadOnlyList<HazardPoint> hazardPoints,
        IReadOnlyList<Person> people,
        IReadOnlyList<Assignment> assignments,
        IReadOnlyList<Shift> shifts,
        long version = 0)
    {
        Regions = regions;
        HazardPoints = hazardPoints;
        People = people;
        Assignments = assignments;
        Shifts = shifts;
        Version = version;
        RegionsByCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        PointsById = hazardPoints.ToDictionary(p => p.Id, StringComparer.Ordinal);
        PeopleById = people.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public long Version { get; }
    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<HazardPoint> HazardPoints { get; }
    public IReadOnlyList<Person> People { get; }
    public IReadOnlyList<Assignment> Assignments { get; }
    public IReadOnlyList<Shift> Shifts { get; }

    public IReadOnlyDictionary<string, Region> RegionsByCode { get; }
    public IReadOnlyDictionary<string, HazardPoint> PointsById { get; }
    public IReadOnlyDictionary<string, Person> PeopleById { get; }

    /// <summary>The region and its ancestors up to the root, starting with the region itself.</summary>
    public IEnumerable<string> PathToRoot(string regionCode)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var code = regionCode;
        while (code is not null && seen.Add(code) && RegionsByCode.TryGetValue(code, out var region))
        {
            yield return code;
            code = string.IsNullOrEmpty(region.ParentCode) ? null : region.ParentCode;
        }
    }

    /// <summary>Who is on shift in a duty role at the moment given.</summary>
    public IEnumerable<Shift> OnShift(DateTimeOffset at) => Shifts.Where(s => s.Covers(at));

    public DirectorySnapshot WithVersion(long version) =>
        new(Regions, HazardPoints, People, Assignments, Shifts, version);
}
