using System.Globalization;
using System.Text;
using AlertWorker.Domain.Directory;

namespace AlertWorker.Directory;

/// <summary>
/// One directory file as a table (SPEC §4): its path under the config folder, its columns in the order
/// they are written (the required ones first), and how many leading columns make a row's key (an id;
/// for assignments and shifts, which have none, the whole row).
/// </summary>
public sealed record DirectoryTable(string Name, string File, IReadOnlyList<string> Columns, int RequiredCount, int KeyCount, string Zh, string En)
{
    public IReadOnlyList<string> Required => [.. Columns.Take(RequiredCount)];
    public IReadOnlyList<string> Optional => [.. Columns.Skip(RequiredCount)];

    /// <summary>The file name alone (<c>people.csv</c>), as admins know it.</summary>
    public string FileName => Path.GetFileName(File);

    public string Key(IReadOnlyList<string> row) => string.Join(" ", row.Take(KeyCount));
}

/// <summary>The five directory tables, and a snapshot written back as their rows and CSV texts.</summary>
public static class DirectoryTables
{
    public static readonly DirectoryTable Regions = new(
        "regions", DirectoryLoader.RegionsFile, ["code", "name", "parentCode"], 2, 1, "行政区划", "Regions");

    public static readonly DirectoryTable HazardPoints = new(
        "hazard-points", DirectoryLoader.HazardPointsFile,
        ["id", "name", "type", "regionCode", "lon", "lat", "threatenedPeople", "evacuationRoute", "shelter"], 6, 1, "隐患点", "Hazard points");

    public static readonly DirectoryTable People = new(
        "people", DirectoryLoader.PeopleFile, ["id", "name", "phone", "email", "language", "regionCode"], 2, 1, "人员", "People");

    public static readonly DirectoryTable Assignments = new(
        "assignments", DirectoryLoader.AssignmentsFile, ["personId", "role", "scope"], 3, 3, "职责分工", "Assignments");

    public static readonly DirectoryTable DutyRoster = new(
        "duty-roster", DirectoryLoader.DutyRosterFile, ["personId", "role", "start", "end"], 4, 4, "值班表", "Duty roster");

    /// <summary>In the order the loader reads them (a file's references point only to files before it).</summary>
    public static readonly IReadOnlyList<DirectoryTable> All = [Regions, HazardPoints, People, Assignments, DutyRoster];

    public static DirectoryTable? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>The table's rows as the CSV would hold them, in the snapshot's order.</summary>
    public static IReadOnlyList<string[]> Rows(DirectoryTable table, DirectorySnapshot directory) => table.Name switch
    {
        "regions" => [.. directory.Regions.Select(r => new[] { r.Code, r.Name, r.ParentCode ?? "" })],
        "hazard-points" => [.. directory.HazardPoints.Select(p => new[]
        {
            p.Id, p.Name, p.Type, p.RegionCode, Number(p.Lon), Number(p.Lat),
            p.ThreatenedPeople.ToString(CultureInfo.InvariantCulture), p.EvacuationRoute, p.Shelter,
        })],
        "people" => [.. directory.People.Select(p => new[] { p.Id, p.Name, p.Phone ?? "", p.Email ?? "", p.Language, p.RegionCode ?? "" })],
        "assignments" => [.. directory.Assignments.Select(a => new[] { a.PersonId, a.Role.ToName(), a.Scope })],
        "duty-roster" => [.. directory.Shifts.Select(s => new[] { s.PersonId, s.Role.ToName(), Time(s.Start), Time(s.End) })],
        _ => throw new ArgumentOutOfRangeException(nameof(table), table.Name, "not a directory table"),
    };

    /// <summary>The table as a CSV text: header row, then one line per row, CRLF, quoted where needed.</summary>
    public static string Csv(DirectoryTable table, IEnumerable<IReadOnlyList<string>> rows)
    {
        var csv = new StringBuilder();
        AppendLine(csv, table.Columns);
        foreach (var row in rows) AppendLine(csv, row);
        return csv.ToString();
    }

    /// <summary>The CSV file as Excel opens it: UTF-8 with a BOM.</summary>
    public static byte[] CsvBytes(DirectoryTable table, IEnumerable<IReadOnlyList<string>> rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv(table, rows))];

    /// <summary>
    /// The directory's files as texts, with <paramref name="replaced"/> put in place of one of them:
    /// what an admin's edit or import is checked as, exactly as <c>check-config</c> checks the folder.
    /// </summary>
    public static DirectoryFileSource Texts(DirectorySnapshot directory, DirectoryTable? replacedTable = null, string? replaced = null) =>
        (file, _) => replacedTable?.File == file
            ? replaced
            : All.Single(t => t.File == file) is var table ? Csv(table, Rows(table, directory)) : null;

    private static void AppendLine(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Field(fields[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>Quoted when it holds a comma, quote or line break, has spaces the reader would trim,
    /// or starts with <c>#</c> (which would make the line a comment).</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.StartsWith('#') || value.Trim().Length != value.Length
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
