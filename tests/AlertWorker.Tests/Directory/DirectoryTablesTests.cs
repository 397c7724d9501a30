using AlertWorker.Configuration;
using AlertWorker.Directory;
using AlertWorker.Domain.Directory;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Directory;

public class DirectoryTablesTests
{
    private static readonly DirectorySnapshot Sample = DirectoryLoader.Load(SampleConfigFolder.SourcePath).Value!;

    [Fact]
    public void Texts_SampleDirectory_LoadBackToTheSameRows()
    {
        var again = DirectoryLoader.Load(DirectoryTables.Texts(Sample));

        Assert.Empty(again.Problems);
        foreach (var table in DirectoryTables.All)
            Assert.Equal(DirectoryTables.Rows(table, Sample), DirectoryTables.Rows(table, again.Value!));
        Assert.Equal(Sample.Shifts, again.Value!.Shifts);
        Assert.Equal(Sample.HazardPoints, again.Value.HazardPoints);
    }

    [Fact]
    public void Csv_FieldsWithCommasQuotesAndHash_QuotedSoTheyReadBack()
    {
        var person = new Person("#P-1", "王, \"小\" 明", "+8613800000001", null, "zh-CN", null);
        var directory = new DirectorySnapshot([], [], [person], [], []);

        var text = DirectoryTables.Csv(DirectoryTables.People, DirectoryTables.Rows(DirectoryTables.People, directory));
        var loaded = DirectoryLoader.Load((file, problems) => file == DirectoryLoader.PeopleFile
            ? text
            : DirectoryTables.Texts(directory)(file, problems));

        Assert.Equal("id,name,phone,email,language,regionCode\r\n\"#P-1\",\"王, \"\"小\"\" 明\",+8613800000001,,zh-CN,\r\n", text);
        Assert.Equal(person, Assert.Single(loaded.Value!.People));
    }

    [Fact]
    public void CsvBytes_AnyTable_StartsWithTheUtf8Bom()
    {
        var bytes = DirectoryTables.CsvBytes(DirectoryTables.Regions, DirectoryTables.Rows(DirectoryTables.Regions, Sample));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("code,name,parentCode\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Between_RowsAddedChangedRemoved_EachOnceByKey()
    {
        string[][] before = [["P-1", "甲", "+8613800000001", "", "zh-CN", ""], ["P-2", "乙", "+8613800000002", "", "zh-CN", ""]];
        string[][] after = [["P-2", "乙", "+8613900000002", "", "zh-CN", ""], ["P-3", "丙", "+8613800000003", "", "zh-CN", ""]];

        var changes = DirectoryDiff.Between(DirectoryTables.People, before, after).ToList();

        Assert.Equal(
            [(ChangeAction.Changed, "P-2"), (ChangeAction.Added, "P-3"), (ChangeAction.Removed, "P-1")],
            changes.Select(c => (c.Action, c.Key)));
        Assert.Equal(["phone"], changes[0].ChangedColumns);
    }

    [Fact]
    public void Between_FirstVersion_OneLoadedEntryPerTableWithItsRowCount()
    {
        var changes = DirectoryDiff.Between(null, Sample);

        Assert.All(changes, c => Assert.Equal(ChangeAction.Loaded, c.Action));
        Assert.Equal(Sample.People.Count.ToString(), changes.Single(c => c.Table == DirectoryTables.People).Key);
    }
}
