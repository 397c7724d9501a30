using AlertWorker.Domain.Directory;

namespace AlertWorker.Domain.Tests.Matching;

/// <summary>Builds a small directory for a test, one fluent call per row of the CSV files.</summary>
internal sealed class DirectoryBuilder
{
    private readonly List<Region> _regions = [];
    private readonly List<HazardPoint> _points = [];
    private readonly List<Person> _people = [];
    private readonly List<Assignment> _assignments = [];
    private readonly List<Shift> _shifts = [];

    public DirectoryBuilder Region(string code, string? parent = null)
    {
        _regions.Add(new Region(code, "Region " + code, parent));
        return this;
    }

    public DirectoryBuilder Point(string id, string region, double lon, double lat)
    {
        _points.Add(new HazardPoint(id, "Point " + id, "landslide", region, lon, lat, 10, "route", "shelter"));
        return this;
    }

    public DirectoryBuilder Person(string id, bool phone = true, bool email = false, string? region = null)
    {
        _people.Add(new Person(id, "Person " + id, phone ? "+8613800000000" : null,
            email ? $"{id}@example.org" : null, "zh-CN", region));
        return this;
    }

    public DirectoryBuilder Assign(string personId, Role role, string scope)
    {
        if (!_people.Any(p => p.Id == personId)) Person(personId);
        _assignments.Add(new Assignment(personId, role, scope));
        return this;
    }

    public DirectoryBuilder Shift(string personId, Role role, DateTimeOffset start, DateTimeOffset end)
    {
        if (!_people.Any(p => p.Id == personId)) Person(personId);
        _shifts.Add(new Shift(personId, role, start, end));
        return this;
    }

    public DirectorySnapshot Build() => new(_regions, _points, _people, _assignments, _shifts);
}
