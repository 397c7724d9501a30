using System.Globalization;
using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;

namespace AlertWorker.Directory;

/// <summary>
/// Loads config/directory/*.csv (SPEC §4) into a validated <see cref="DirectorySnapshot"/>, or
/// reports every problem found as <c>file:line: message</c>. A row with a problem still counts as
/// existing for references from other files, so one bad phone does not cascade into "unknown person".
/// When a whole file cannot be read, references into it are not checked.
/// </summary>
/// <summary>The text of one directory file (path relative to the config folder, e.g.
/// <c>directory/people.csv</c>), or null after adding a problem saying why it cannot be read.</summary>
public delegate string? DirectoryFileSource(string file, ICollection<ConfigProblem> problems);

public static class DirectoryLoader
{
    public const string RegionsFile = "directory/regions.csv";
    public const string HazardPointsFile = "directory/hazard-points.csv";
    public const string PeopleFile = "directory/people.csv";
    public const string AssignmentsFile = "directory/assignments.csv";
    public const string DutyRosterFile = "directory/duty-roster.csv";

    private static readonly string[] Files = [RegionsFile, HazardPointsFile, PeopleFile, AssignmentsFile, DutyRosterFile];

    private static readonly string[] ShiftTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>Loads the CSV files of the folder's <c>directory/</c>.</summary>
    public static LoadResult<DirectorySnapshot> Load(string configDirectory) =>
        Load((file, problems) => ConfigFileReader.ReadText(configDirectory, file, problems));

    /// <summary>Loads the five files from wherever <paramref name="files"/> reads them: the folder, or
    /// the texts of an admin's edit or import, which get exactly the checks <c>check-config</c> makes.</summary>
    public static LoadResult<DirectorySnapshot> Load(DirectoryFileSource files)
    {
        var problems = new List<ConfigProblem>();
        var regions = LoadRegions(files, problems);
        var points = LoadHazardPoints(files, regions.Ids, problems);
        var people = LoadPeople(files, regions.Ids, problems);
        var assignments = LoadAssignments(files, people.Ids, points.Ids, regions.Ids, problems);
        var shifts = LoadShifts(files, people.Ids, problems);

        var ordered = problems
            .OrderBy(p => Array.IndexOf(Files, p.File))
            .ThenBy(p => p.Line)
            .ToList();
        return ordered.Count > 0
            ? new LoadResult<DirectorySnapshot>(null, ordered)
            : new LoadResult<DirectorySnapshot>(
                new DirectorySnapshot(regions.Items, points.Items, people.Items, assignments.Items, shifts.Items), []);
    }

    /// <summary>The rows of one file that passed, the ids it declares (null when the file could not be
    /// read, or has no id column) and the line of each id.</summary>
    private sealed class Loaded<T>
    {
        /// <summary>Sized to the file's rows: the lists are kept in the snapshot, so no spare capacity
        /// (a doubling list of 600,000 people keeps room for another 450,000).</summary>
        public List<T> Items { get; init; } = [];
        public HashSet<string>? Ids { get; init; }
        public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads one file and parses each row. With <paramref name="idWhat"/>, the first required column is
    /// the row's id: it must be present and unique, and the row parser gets it.
    /// </summary>
    private static Loaded<T> LoadRows<T>(
        DirectoryFileSource files, DirectoryTable table, string? idWhat,
        List<ConfigProblem> problems, Func<DirectoryCsvRow, string, ProblemSink, T> parse)
    {
        var file = table.File;
        var rows = DirectoryCsvReader.Read(files(file, problems), file, table.Required, table.Optional, problems);
        if (rows is null)
            return new Loaded<T>();
        var sink = new ProblemSink(file, problems);
        var result = new Loaded<T> { Items = new List<T>(rows.Count), Ids = idWhat is null ? null : new HashSet<string>(rows.Count, StringComparer.Ordinal) };
        foreach (var row in rows)
        {
            sink.Reset();
            var id = row[table.Columns[0]];
            if (idWhat is not null)
            {
                if (id.Length == 0)
                {
                    sink.Add(row, $"{idWhat} is empty");
                    continue;
                }
                if (!Declare(result.Lines, row, id, idWhat, sink))
                    continue;
                result.Ids!.Add(id);
            }
            var item = parse(row, id, sink);
            if (!sink.Any)
                result.Items.Add(item);
        }
        return result;
    }

    private sealed class ProblemSink(string file, ICollection<ConfigProblem> problems)
    {
        public bool Any { get; private set; }

        public void Add(DirectoryCsvRow row, string message)
        {
            problems.Add(new ConfigProblem(file, row.Line, message));
            Any = true;
        }

        public void Reset() => Any = false;
    }

    /// <summary>Adds the id to the set, or reports a duplicate with the line of its first use.</summary>
    private static bool Declare(Dictionary<string, int> firstLines, DirectoryCsvRow row, string id, string what, ProblemSink sink)
    {
        if (firstLines.TryAdd(id, row.Line))
            return true;
        sink.Add(row, $"duplicate {what} '{id}' (first on line {firstLines[id]})");
        return false;
    }

    /// <summary>True when <paramref name="known"/> could not be read (nothing to check against) or holds the id.</summary>
    private static bool Resolves(HashSet<string>? known, string id) => known is null || known.Contains(id);

    /// <summary>The instance of <paramref name="id"/> already held by the file that declares it, so a
    /// reference costs no string of its own (a province directory has some 1.8 million of them).</summary>
    private static string Shared(HashSet<string>? known, string id) =>
        known is not null && known.TryGetValue(id, out var declared) ? declared : id;

    private static Loaded<Region> LoadRegions(DirectoryFileSource files, List<ConfigProblem> problems)
    {
        var result = LoadRows(files, DirectoryTables.Regions, "region code", problems, (row, code, sink) =>
        {
            if (row["name"].Length == 0)
                sink.Add(row, $"name is empty (region {code})");
            return new Region(code, row["name"], row["parentCode"] is { Length: > 0 } parent ? parent : null);
        });
        if (result.Ids is null)
            return result;
        for (var i = 0; i < result.Items.Count; i++)
        {
            if (result.Items[i].ParentCode is { } parent && Shared(result.Ids, parent) is var declared && !ReferenceEquals(parent, declared))
                result.Items[i] = result.Items[i] with { ParentCode = declared };
        }
        foreach (var region in result.Items.Where(r => r.ParentCode is not null && !result.Ids.Contains(r.ParentCode)))
            problems.Add(new ConfigProblem(RegionsFile, result.Lines[region.Code], $"parent '{region.ParentCode}' is not a region code in regions.csv (region {region.Code})"));
        foreach (var cycle in RegionCycles(result.Items))
            problems.Add(new ConfigProblem(RegionsFile, cycle.Min(c => result.Lines[c]), $"the region tree has a cycle: {string.Join(" -> ", cycle.Append(cycle[0]))}"));
        return result;
    }

    /// <summary>Each cycle of parent links once, starting at its member listed first in the file.</summary>
    private static List<List<string>> RegionCycles(IReadOnlyList<Region> regions)
    {
        var parents = regions.ToDictionary(r => r.Code, r => r.ParentCode, StringComparer.Ordinal);
        var order = regions.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        foreach (var start in regions.Select(r => r.Code))
        {
            var path = new List<string>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            string? code = start;
            while (code is not null && !done.Contains(code) && parents.ContainsKey(code))
            {
                if (onPath.TryGetValue(code, out var at))
                {
                    var cycle = path.Skip(at).ToList();
                    var first = cycle.MinBy(c => order[c])!;
                    var shift = cycle.IndexOf(first);
                    cycles.Add([.. cycle.Skip(shift), .. cycle.Take(shift)]);
                    break;
                }
                onPath[code] = path.Count;
                path.Add(code);
                code = parents[code];
            }
            done.UnionWith(path);
        }
        return cycles;
    }

    private static string Pooled(HashSet<string> pool, string value)
    {
        if (pool.TryGetValue(value, out var pooled)) return pooled;
        pool.Add(value);
        return value;
    }

    private static Loaded<HazardPoint> LoadHazardPoints(DirectoryFileSource files, HashSet<string>? regionCodes, List<ConfigProblem> problems)
    {
        // Values many points repeat (a handful of hazard types; the few shelters of a village): one string each.
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        return LoadRows(files, DirectoryTables.HazardPoints, "hazard point id", problems, (row, id, sink) =>
        {
            var who = $"(hazard point {id})";
            if (row["name"].Length == 0)
                sink.Add(row, $"name is empty {who}");
            if (row["type"].Length == 0)
                sink.Add(row, $"type is empty {who}");
            var region = row["regionCode"];
            if (region.Length == 0)
                sink.Add(row, $"regionCode is empty {who}");
            else if (!Resolves(regionCodes, region))
                sink.Add(row, $"region '{region}' is not in regions.csv {who}");
            var lon = Coordinate(row, "lon", 180, who, sink);
            var lat = Coordinate(row, "lat", 90, who, sink);
            var threatened = 0;
            var threatenedText = row["threatenedPeople"];
            if (threatenedText.Length > 0
                && !int.TryParse(threatenedText, NumberStyles.None, CultureInfo.InvariantCulture, out threatened))
                sink.Add(row, $"threatenedPeople '{threatenedText}' is not a whole number of zero or more {who}");
            return new HazardPoint(id, row["name"], Pooled(repeated, row["type"]), Shared(regionCodes, region), lon, lat, threatened,
                row["evacuationRoute"], Pooled(repeated, row["shelter"]));
        });
    }

    private static double Coordinate(DirectoryCsvRow row, string column, double limit, string who, ProblemSink sink)
    {
        var text = row[column];
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            sink.Add(row, $"{column} '{text}' is not a number {who}");
            return 0;
        }
        if (value < -limit || value > limit)
            sink.Add(row, $"{column} {text} is out of range -{limit}..{limit} {who}");
        return value;
    }

    private static Loaded<Person> LoadPeople(DirectoryFileSource files, HashSet<string>? regionCodes, List<ConfigProblem> problems) =>
        LoadRows(files, DirectoryTables.People, "person id", problems, (row, id, sink) =>
        {
            var who = $"(person {id})";
            if (row["name"].Length == 0)
                sink.Add(row, $"name is empty {who}");
            var phone = row["phone"];
            var email = row["email"];
            if (phone.Length == 0 && email.Length == 0)
                sink.Add(row, $"person {id} has neither phone nor email");
            if (phone.Length > 0 && ContactValidator.PhoneProblem(phone) is { } phoneProblem)
                sink.Add(row, $"{phoneProblem} {who}");
            if (email.Length > 0 && ContactValidator.EmailProblem(email) is { } emailProblem)
                sink.Add(row, $"{emailProblem} {who}");
            var language = ContactValidator.NormalizeLanguage(row["language"]);
            if (language is null)
                sink.Add(row, $"language '{row["language"]}' is not supported (use {ContactValidator.SupportedLanguages}) {who}");
            var region = row["regionCode"];
            if (region.Length > 0 && !Resolves(regionCodes, region))
                sink.Add(row, $"region '{region}' is not in regions.csv {who}");
            return new Person(id, row["name"], phone.Length > 0 ? phone : null, email.Length > 0 ? email : null,
                language ?? ContactValidator.DefaultLanguage, region.Length > 0 ? Shared(regionCodes, region) : null);
        });

    private static Loaded<Assignment> LoadAssignments(
        DirectoryFileSource files, HashSet<string>? personIds, HashSet<string>? pointIds, HashSet<string>? regionCodes, List<ConfigProblem> problems)
    {
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        return LoadRows(files, DirectoryTables.Assignments, null, problems, (row, personId, sink) =>
        {
            var roleText = row["role"];
            var scope = row["scope"];
            CheckPerson(row, personId, personIds, sink);
            if (!Roles.TryParse(roleText, out var role))
                sink.Add(row, $"role '{roleText}' is not a role (use prevention-lead, monitor, technical-lead, township-duty or county-duty)");
            else if (role.IsDutyRole())
                sink.Add(row, $"role '{roleText}' comes only from duty-roster.csv (assignments hold point and region roles)");
            else if (scope.Length == 0)
                sink.Add(row, $"scope is empty (role {role.ToName()} needs a {(role.IsPointRole() ? "hazard point id" : "region code")})");
            else if (role.IsPointRole() && !Resolves(pointIds, scope))
                sink.Add(row, regionCodes?.Contains(scope) == true
                    ? $"point role {role.ToName()} needs a hazard point id as scope, '{scope}' is a region code"
                    : $"scope '{scope}' is not a hazard point id in hazard-points.csv (role {role.ToName()})");
            else if (role.IsRegionRole() && !Resolves(regionCodes, scope))
                sink.Add(row, pointIds?.Contains(scope) == true
                    ? $"region role {role.ToName()} needs a region code as scope, '{scope}' is a hazard point id"
                    : $"scope '{scope}' is not a region code in regions.csv (role {role.ToName()})");
            if (!sink.Any)
                Declare(firstLines, row, $"{personId} {role.ToName()} {scope}", "assignment", sink);
            return new Assignment(Shared(personIds, personId), role, Shared(role.IsPointRole() ? pointIds : regionCodes, scope));
        });
    }

    private static Loaded<Shift> LoadShifts(DirectoryFileSource files, HashSet<string>? personIds, List<ConfigProblem> problems) =>
        LoadRows(files, DirectoryTables.DutyRoster, null, problems, (row, personId, sink) =>
        {
            var roleText = row["role"];
            CheckPerson(row, personId, personIds, sink);
            if (!Roles.TryParse(roleText, out var role) || !role.IsDutyRole())
                sink.Add(row, $"role '{roleText}' cannot be on the duty roster (use duty-officer or duty-leader)");
            var start = ShiftTime(row, "start", sink);
            var end = ShiftTime(row, "end", sink);
            if (start is { } s && end is { } e && e <= s)
                sink.Add(row, $"shift end {row["end"]} is not after its start {row["start"]}");
            return new Shift(Shared(personIds, personId), role, start ?? default, end ?? default);
        });

    private static void CheckPerson(DirectoryCsvRow row, string personId, HashSet<string>? personIds, ProblemSink sink)
    {
        if (personId.Length == 0)
            sink.Add(row, "personId is empty");
        else if (!Resolves(personIds, personId))
            sink.Add(row, $"person '{personId}' is not in people.csv");
    }

    private static DateTimeOffset? ShiftTime(DirectoryCsvRow row, string column, ProblemSink sink)
    {
        var text = row[column];
        if (DateTimeOffset.TryParseExact(text, ShiftTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value;
        sink.Add(row, $"{column} '{text}' is not an ISO 8601 time with offset (e.g. 2026-06-01T08:00:00+08:00)");
        return null;
    }
}
