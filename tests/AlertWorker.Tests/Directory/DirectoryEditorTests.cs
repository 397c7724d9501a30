using AlertWorker.Configuration;
using AlertWorker.Directory;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Directory;

public class DirectoryEditorTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 14, 0, 0, 0, TimeSpan.Zero);

    private sealed class Harness : IAsyncDisposable
    {
        public required TempDatabase Db { get; init; }
        public required LiveConfig Live { get; init; }
        public required SqlDirectoryVersionStore Versions { get; init; }
        public required DirectoryEditor Editor { get; init; }
        public required SampleConfigFolder Config { get; init; }

        public static async Task<Harness> StartAsync(SqlDialect dialect)
        {
            var db = await TempDatabase.CreateAsync(dialect);
            var config = new SampleConfigFolder();
            var live = new LiveConfig();
            var versions = new SqlDirectoryVersionStore(db.Database);
            var clock = new FakeTimeProvider(Start);
            await ConfigReloadServiceTests.Service(live, db, config, clock).ReloadAsync(CancellationToken.None);
            return new Harness
            {
                Db = db, Live = live, Versions = versions, Config = config,
                Editor = new DirectoryEditor(live, versions, clock, NullLogger<DirectoryEditor>.Instance),
            };
        }

        public string PeopleText(params string[] extraLines) =>
            DirectoryTables.Csv(DirectoryTables.People, DirectoryTables.Rows(DirectoryTables.People, Live.Current!.Config.Directory))
            + string.Concat(extraLines.Select(l => l + "\r\n"));

        public async ValueTask DisposeAsync()
        {
            Config.Dispose();
            await Db.DisposeAsync();
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApplyAsync_ImportWithOneBadRow_InvalidWithItsLineAndNothingStored(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);
        var text = h.PeopleText("P-900,新人甲,+8613800000900,,zh-CN,", "P-901,新人乙,12345,,zh-CN,");
        var badLine = text.Split("\r\n").Length - 1; // the last line, 1-based

        var result = await h.Editor.ApplyAsync(DirectoryTables.People, text, 1, "admin", CancellationToken.None);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        var problem = Assert.Single(result.Proposal!.Problems);
        Assert.Equal((DirectoryLoader.PeopleFile, badLine), (problem.File, problem.Line));
        Assert.Contains("12345", problem.Message);
        Assert.Equal(1, await h.Versions.LatestNumberAsync(CancellationToken.None));
        Assert.False(h.Live.Current!.Config.Directory.PeopleById.ContainsKey("P-900"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApplyAsync_ValidImport_NewVersionInForceWithItsAuditRows(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);
        var text = h.PeopleText("P-900,新人甲,+8613800000900,,zh-CN,");

        var result = await h.Editor.ApplyAsync(DirectoryTables.People, text, 1, "admin", CancellationToken.None);

        Assert.Equal((EditOutcome.Applied, 2L), (result.Outcome, result.Version));
        Assert.Equal(2, h.Live.Current!.DirectoryVersion);
        Assert.Equal("新人甲", h.Live.Current.Matching.Matcher.Directory.PeopleById["P-900"].Name);
        var audit = await h.Versions.ListChangesAsync(10, null, CancellationToken.None);
        var entry = audit[0];
        Assert.Equal((2L, "admin", "people", ChangeAction.Added, "P-900"), (entry.Version, entry.ChangedBy, entry.Table, entry.Action, entry.Key));
        Assert.Null(entry.Before);
        Assert.Equal("+8613800000900", entry.After!["phone"]);
        Assert.Equal(2, (await h.Versions.LoadLatestAsync(CancellationToken.None))!.Directory.Version);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApplyAsync_EditOfARow_AuditKeepsBeforeAndAfter(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);
        var person = h.Live.Current!.Config.Directory.PeopleById["P-042"];
        var text = h.Editor.TextWithRow(DirectoryTables.People, "P-042", ["P-042", person.Name, "+8613999999042", "", "zh-CN", ""])!;

        var result = await h.Editor.ApplyAsync(DirectoryTables.People, text, 1, "admin", CancellationToken.None);

        Assert.Equal(EditOutcome.Applied, result.Outcome);
        var entry = Assert.Single(await h.Versions.ListChangesAsync(1, null, CancellationToken.None));
        Assert.Equal(ChangeAction.Changed, entry.Action);
        Assert.Equal((person.Phone, "+8613999999042"), (entry.Before!["phone"], entry.After!["phone"]));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApplyAsync_RemovingAnAssignedPerson_InvalidNamingTheAssignmentLine(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);
        var text = h.Editor.TextWithRow(DirectoryTables.People, "P-001", null)!;

        var result = await h.Editor.ApplyAsync(DirectoryTables.People, text, 1, "admin", CancellationToken.None);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Proposal!.Problems, p => p.File == DirectoryLoader.AssignmentsFile && p.Message.Contains("'P-001'"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApplyAsync_MadeOnAnOlderVersion_StaleAndNothingStored(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);
        var first = h.PeopleText("P-900,新人甲,+8613800000900,,zh-CN,");
        var second = h.PeopleText("P-901,新人乙,+8613800000901,,zh-CN,");
        await h.Editor.ApplyAsync(DirectoryTables.People, first, 1, "alice", CancellationToken.None);

        var late = await h.Editor.ApplyAsync(DirectoryTables.People, second, 1, "bob", CancellationToken.None);

        Assert.Equal(EditOutcome.Stale, late.Outcome);
        Assert.Equal(2, await h.Versions.LatestNumberAsync(CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApplyAsync_SameRows_UnchangedAndNothingStored(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);

        var result = await h.Editor.ApplyAsync(DirectoryTables.People, h.PeopleText(), 1, "admin", CancellationToken.None);

        Assert.Equal(EditOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, await h.Versions.LatestNumberAsync(CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task TextWithRow_KeyNoLongerThere_Null(SqlDialect dialect)
    {
        await using var h = await Harness.StartAsync(dialect);

        Assert.Null(h.Editor.TextWithRow(DirectoryTables.People, "P-999", null));
    }
}
