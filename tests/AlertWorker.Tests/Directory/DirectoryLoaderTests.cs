using System.Text;
using AlertWorker.Directory;
using AlertWorker.Domain.Directory;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Directory;

public class DirectoryLoaderTests
{
    private const string People = "directory/people.csv";
    private const string Points = "directory/hazard-points.csv";
    private const string Regions = "directory/regions.csv";
    private const string Assignments = "directory/assignments.csv";
    private const string Roster = "directory/duty-roster.csv";

    [Fact]
    public void Load_SampleCounty_HasNoProblems()
    {
        var result = DirectoryLoader.Load(SampleConfigFolder.SourcePath);

        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        Assert.Equal(150, result.Value.HazardPoints.Count);
    }

    [Fact]
    public void Load_SampleCounty_EveryPointAndTownshipIsCovered()
    {
        var directory = DirectoryLoader.Load(SampleConfigFolder.SourcePath).Value!;

        foreach (var point in directory.HazardPoints)
        {
            Assert.Contains(directory.Assignments, a => a.Role == Role.PreventionLead && a.Scope == point.Id);
            Assert.Contains(directory.Assignments, a => a.Role == Role.Monitor && a.Scope == point.Id);
            Assert.Contains(directory.Assignments, a => a.Role == Role.TechnicalLead && a.Scope == point.Id);
        }
        var townships = directory.Regions.Where(r => r.Code.Length == 9);
        Assert.All(townships, t => Assert.Contains(directory.Assignments, a => a.Role == Role.TownshipDuty && a.Scope == t.Code));
        Assert.Contains(directory.Assignments, a => a.Role == Role.CountyDuty);
        Assert.Contains(directory.People, p => p.Language == "en");
        Assert.Contains(directory.People, p => !p.HasPhone && p.HasEmail);
    }

    [Fact]
    public void Load_SampleCounty_ReferencesShareTheDeclaredStrings()
    {
        // A province directory holds some 1.8 million references; each must not cost a string of its own.
        var directory = DirectoryLoader.Load(SampleConfigFolder.SourcePath).Value!;

        Assert.All(directory.Assignments, a => Assert.Same(directory.PeopleById[a.PersonId].Id, a.PersonId));
        Assert.All(directory.Assignments.Where(a => a.Role.IsPointRole()), a => Assert.Same(directory.PointsById[a.Scope].Id, a.Scope));
        Assert.All(directory.Assignments.Where(a => a.Role.IsRegionRole()), a => Assert.Same(directory.RegionsByCode[a.Scope].Code, a.Scope));
        Assert.All(directory.HazardPoints, p => Assert.Same(directory.RegionsByCode[p.RegionCode].Code, p.RegionCode));
        Assert.All(directory.Regions.Where(r => r.ParentCode is not null), r => Assert.Same(directory.RegionsByCode[r.ParentCode!].Code, r.ParentCode));
        Assert.All(directory.People.Where(p => p.RegionCode is not null), p => Assert.Same(directory.RegionsByCode[p.RegionCode!].Code, p.RegionCode));
        Assert.All(directory.Shifts, s => Assert.Same(directory.PeopleById[s.PersonId].Id, s.PersonId));
        Assert.Equal(4, directory.HazardPoints.Select(p => p.Type).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(directory.HazardPoints.Select(p => p.Shelter).Distinct(StringComparer.Ordinal).Count(),
            directory.HazardPoints.Select(p => p.Shelter).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Theory]
    [InlineData("2026-01-01T08:00:00+08:00")] // the first shift starts
    [InlineData("2026-06-14T03:00:00+08:00")] // a night inside a shift
    [InlineData("2031-02-28T23:59:00Z")]      // any date a newcomer may try
    [InlineData("2036-01-01T07:59:59+08:00")] // the last shift's last second
    public void Load_SampleRoster_HasOneOfficerAndOneLeaderOnShift(string at)
    {
        var directory = DirectoryLoader.Load(SampleConfigFolder.SourcePath).Value!;

        var onShift = directory.OnShift(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Single(onShift, s => s.Role == Role.DutyOfficer);
        Assert.Single(onShift, s => s.Role == Role.DutyLeader);
    }

    [Fact]
    public void Load_ExcelSavedPeopleFile_Loads()
    {
        using var config = new SampleConfigFolder();
        // Excel "CSV UTF-8": BOM, CRLF, a leading comment, columns in another order with spaces and
        // other case, an extra column, a quoted name with a comma and a line break, an empty row.
        var excel = "# 人员名单 (exported from Excel)\r\n"
            + "Name , ID,regionCode,Phone,备注,language,email\r\n"
            + "\"Wang, Xiaoming\r\n(王小明)\",P-001,511829,+8613800000001,\"county, duty\",,wang@qinglan.example\r\n"
            + ",,,,,,\r\n"
            + "Li Ming,P-002,511829,+8613800000002,,en,\r\n"
            + "张伟,P-003,511829,+8613800000003,,zh-CN,\r\n";
        File.WriteAllBytes(config.FullPath(People), [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(excel)]);
        TrimPeopleTo(config, "P-001", "P-002", "P-003");

        var result = DirectoryLoader.Load(config.Path);

        Assert.Empty(result.Problems);
        var people = result.Value!.People;
        Assert.Equal(["P-001", "P-002", "P-003"], people.Select(p => p.Id));
        Assert.Equal("Wang, Xiaoming\r\n(王小明)", people[0].Name);
        Assert.Equal("wang@qinglan.example", people[0].Email);
        Assert.Equal("zh-CN", people[0].Language);
        Assert.Equal("en", people[1].Language);
        Assert.Null(people[1].Email);
    }

    [Fact]
    public void Load_ProblemAfterMultiLineFieldAndComments_ReportsPhysicalLine()
    {
        using var config = new SampleConfigFolder();
        var text = "# comment\r\n"
            + "id,name,phone,email,language,regionCode\r\n"
            + "P-001,\"two\r\nlines\",+8613800000001,,,511829\r\n"  // lines 3-4
            + "# another comment\r\n"                                // line 5
            + "\r\n"                                                 // line 6
            + "P-002,Bad Phone,+86138,,,511829\r\n";                 // line 7
        config.Write(People, text);
        TrimPeopleTo(config, "P-001", "P-002");

        var result = DirectoryLoader.Load(config.Path);

        Assert.Equal(["directory/people.csv:7: phone '+86138' is not a valid E.164 number (person P-002)"],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_FileNotUtf8_ReportsLineOfFirstBadByte()
    {
        using var config = new SampleConfigFolder();
        var lines = config.ReadLines(Points);
        var gb18030 = new byte[] { 0xBB, 0xAC, 0xC6, 0xC2 }; // 滑坡 in GB18030, as Excel saves "CSV" in a Chinese locale
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines[..3]) + "\n").Concat(gb18030).ToArray();
        File.WriteAllBytes(config.FullPath(Points), bytes);

        var result = DirectoryLoader.Load(config.Path);

        Assert.Contains("directory/hazard-points.csv:4: the file is not UTF-8 text (save it as UTF-8; in Excel: 'CSV UTF-8')",
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_MissingFile_ReportsItOnceWithoutCascading()
    {
        using var config = new SampleConfigFolder();
        File.Delete(config.FullPath(People));

        var result = DirectoryLoader.Load(config.Path);

        Assert.Equal(["directory/people.csv:0: file not found"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_SeveralBrokenFiles_ReportsAllProblemsInFileOrder()
    {
        using var config = new SampleConfigFolder();
        var roster = config.ReplaceLine(Roster, "P-004,", "P-004,duty-officer,tomorrow,2026-01-02T08:00:00+08:00");
        var person = config.ReplaceLine(People, "P-020,", "P-020,赵六,,,zh-CN,");
        var point = config.ReplaceLine(Points, "HP-0007,", "HP-0007,某滑坡,滑坡,511829,200,30.1,5,,");

        var result = DirectoryLoader.Load(config.Path);

        Assert.Equal(
        [
            $"directory/hazard-points.csv:{point}: lon 200 is out of range -180..180 (hazard point HP-0007)",
            $"directory/people.csv:{person}: person P-020 has neither phone nor email",
            $"directory/duty-roster.csv:{roster}: start 'tomorrow' is not an ISO 8601 time with offset (e.g. 2026-06-01T08:00:00+08:00)",
        ], result.Problems.Select(p => p.ToString()));
        Assert.Null(result.Value);
    }

    // file, prefix of the line to replace (null: append), new line, expected message ({line}: the
    // changed line, {first}: the line of the first row with the same id).
    [Theory]
    // phone too short
    [InlineData(People, "P-014,", "P-014,张三,+86138,,zh-CN,511829", "phone '+86138' is not a valid E.164 number (person P-014)")]
    // phone without country code
    [InlineData(People, "P-014,", "P-014,张三,13800000014,,zh-CN,511829", "phone '13800000014' is not a valid E.164 number (person P-014)")]
    // phone with spaces: valid number, not E.164 form
    [InlineData(People, "P-014,", "P-014,张三,+86 138 0000 0014,,zh-CN,511829", "phone '+86 138 0000 0014' is not in E.164 form (write +8613800000014) (person P-014)")]
    // email without domain
    [InlineData(People, "P-014,", "P-014,张三,,zhang@,zh-CN,511829", "email 'zhang@' is not a valid email address (person P-014)")]
    // email with a display name
    [InlineData(People, "P-014,", "P-014,张三,,\"Zhang <z@qinglan.example>\",zh-CN,511829", "email 'Zhang <z@qinglan.example>' is not a valid email address (person P-014)")]
    // neither phone nor email
    [InlineData(People, "P-014,", "P-014,张三,,,zh-CN,511829", "person P-014 has neither phone nor email")]
    // unsupported language
    [InlineData(People, "P-014,", "P-014,张三,+8613800000014,,fr,511829", "language 'fr' is not supported (use zh-CN or en) (person P-014)")]
    // person in an unknown region
    [InlineData(People, "P-014,", "P-014,张三,+8613800000014,,zh-CN,999999", "region '999999' is not in regions.csv (person P-014)")]
    // duplicate person id
    [InlineData(People, null, "P-001,重复,+8613800000999,,zh-CN,511829", "duplicate person id 'P-001' (first on line {first})")]
    // hazard point in an unknown region
    [InlineData(Points, "HP-0001,", "HP-0001,某滑坡,滑坡,511829999999,102.7,30.1,5,,", "region '511829999999' is not in regions.csv (hazard point HP-0001)")]
    // latitude not a number
    [InlineData(Points, "HP-0001,", "HP-0001,某滑坡,滑坡,511829,102.7,北纬30,5,,", "lat '北纬30' is not a number (hazard point HP-0001)")]
    // negative threatened people
    [InlineData(Points, "HP-0001,", "HP-0001,某滑坡,滑坡,511829,102.7,30.1,-5,,", "threatenedPeople '-5' is not a whole number of zero or more (hazard point HP-0001)")]
    // duplicate hazard point id
    [InlineData(Points, null, "HP-0001,某滑坡,滑坡,511829,102.7,30.1,5,,", "duplicate hazard point id 'HP-0001' (first on line {first})")]
    // region with an unknown parent
    [InlineData(Regions, "511829100,", "511829100,青岚镇,511899", "parent '511899' is not a region code in regions.csv (region 511829100)")]
    // a cycle in the region tree: the county under one of its townships
    [InlineData(Regions, "511829,", "511829,青岚县,511829101", "the region tree has a cycle: 511829 -> 511829101 -> 511829")]
    // unknown role
    [InlineData(Assignments, "P-001,", "P-001,county-boss,511829", "role 'county-boss' is not a role (use prevention-lead, monitor, technical-lead, township-duty or county-duty)")]
    // duty roles come from the roster only
    [InlineData(Assignments, "P-001,", "P-001,duty-officer,511829", "role 'duty-officer' comes only from duty-roster.csv (assignments hold point and region roles)")]
    // a point role with a region as scope
    [InlineData(Assignments, "P-001,", "P-001,monitor,511829101", "point role monitor needs a hazard point id as scope, '511829101' is a region code")]
    // a region role with a point as scope
    [InlineData(Assignments, "P-001,", "P-001,township-duty,HP-0001", "region role township-duty needs a region code as scope, 'HP-0001' is a hazard point id")]
    // an assignment of an unknown person
    [InlineData(Assignments, "P-001,", "P-999,county-duty,511829", "person 'P-999' is not in people.csv")]
    // the same assignment twice
    [InlineData(Assignments, null, "P-001,county-duty,511829", "duplicate assignment 'P-001 county-duty 511829' (first on line {first})")]
    // a shift that ends before it starts
    [InlineData(Roster, "P-004,", "P-004,duty-officer,2026-01-02T08:00:00+08:00,2026-01-01T08:00:00+08:00", "shift end 2026-01-01T08:00:00+08:00 is not after its start 2026-01-02T08:00:00+08:00")]
    // a shift without offset
    [InlineData(Roster, "P-004,", "P-004,duty-officer,2026-01-01T08:00:00,2026-01-02T08:00:00+08:00", "start '2026-01-01T08:00:00' is not an ISO 8601 time with offset (e.g. 2026-06-01T08:00:00+08:00)")]
    // a point role on the roster
    [InlineData(Roster, "P-004,", "P-004,monitor,2026-01-01T08:00:00+08:00,2026-01-02T08:00:00+08:00", "role 'monitor' cannot be on the duty roster (use duty-officer or duty-leader)")]
    public void Load_OneBrokenRow_ReportsExactlyThatProblem(string file, string? prefix, string newLine, string expected)
    {
        using var config = new SampleConfigFolder();
        var first = expected.Contains("{first}") ? config.LineOf(file, newLine[..(newLine.IndexOf(',') + 1)]) : 0;
        var line = prefix is null ? config.AppendLine(file, newLine) : config.ReplaceLine(file, prefix, newLine);

        var result = DirectoryLoader.Load(config.Path);

        var message = expected.Replace("{first}", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([$"{file}:{line}: {message}"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_HeaderLacksColumn_ReportsHeaderLine()
    {
        using var config = new SampleConfigFolder();
        var header = config.ReplaceLine(Assignments, "personId,", "personId,role,范围");

        var result = DirectoryLoader.Load(config.Path);

        Assert.Equal([$"directory/assignments.csv:{header}: the header lacks column 'scope' (found: personId,role,范围)"],
            result.Problems.Select(p => p.ToString()));
    }

    /// <summary>Keeps only the people given in every file that refers to people, so a small people.csv validates.</summary>
    private static void TrimPeopleTo(SampleConfigFolder config, params string[] ids)
    {
        config.Write(Assignments, $"personId,role,scope\n{string.Join("\n", ids.Select(id => $"{id},county-duty,511829"))}\n");
        config.Write(Roster, $"personId,role,start,end\n{ids[0]},duty-officer,2026-01-01T08:00:00+08:00,2026-01-02T08:00:00+08:00\n");
    }
}
