using AlertWorker.Configuration;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace AlertWorker.Tests.Configuration;

public class ConfigReloadServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 14, 0, 0, 0, TimeSpan.Zero);

    [Theory, SqliteData, PostgresData]
    public async Task ReloadAsync_ValidEdit_NewDirectoryVersionUsedByTheMatcher(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        var live = new LiveConfig();
        var service = Service(live, db, config);
        await service.ReloadAsync(CancellationToken.None);

        config.ReplaceLine("directory/people.csv", "P-042,", "P-042,王新明,+8613800000042,,zh-CN,");
        var applied = await service.ReloadAsync(CancellationToken.None);

        Assert.True(applied);
        Assert.Equal(2, live.Current!.DirectoryVersion);
        Assert.Equal("王新明", live.Current.Matching.Matcher.Directory.PeopleById["P-042"].Name);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ReloadAsync_UnchangedFolder_NoNewVersion(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        var live = new LiveConfig();
        await Service(live, db, config).ReloadAsync(CancellationToken.None);

        // a second worker start on the same folder and database
        var again = new LiveConfig();
        var applied = await Service(again, db, config).ReloadAsync(CancellationToken.None);
        var unchanged = await Service(again, db, config).ReloadAsync(CancellationToken.None);

        Assert.True(applied);
        Assert.False(unchanged);
        Assert.Equal(1, again.Current!.DirectoryVersion);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ReloadAsync_BrokenEdit_KeepsTheLastValidAndReportsTheLine(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        var live = new LiveConfig();
        var service = Service(live, db, config);
        await service.ReloadAsync(CancellationToken.None);
        var before = live.Current;

        var line = config.ReplaceLine("directory/hazard-points.csv", "HP-0001,", "HP-0001,坏点,滑坡,511829999999,103.1,29.9,10,,");
        var applied = await service.ReloadAsync(CancellationToken.None);

        Assert.False(applied);
        Assert.Same(before, live.Current);
        var problem = Assert.Single(live.Problems);
        Assert.Equal(("directory/hazard-points.csv", line), (problem.File, problem.Line));
        Assert.Contains("511829999999", problem.Message);
    }

    [Theory, SqliteData, PostgresData]
    public async Task StartAsync_BrokenFolderWithAStoredVersion_RunsOnTheStoredDirectory(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        await Service(new LiveConfig(), db, config).ReloadAsync(CancellationToken.None);
        config.ReplaceLine("directory/people.csv", "P-042,", "P-042,王明,not-a-phone,,zh-CN,");

        var live = new LiveConfig();
        var service = Service(live, db, config);
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(1, live.Current!.DirectoryVersion);
        Assert.Equal(150, live.Current.Config.Directory.HazardPoints.Count);
        Assert.NotEmpty(live.Problems);
    }

    [Theory, SqliteData, PostgresData]
    public async Task StartAsync_BrokenFolderAndNothingStored_NoConfig(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        config.ReplaceLine("directory/people.csv", "P-042,", "P-042,王明,not-a-phone,,zh-CN,");

        var live = new LiveConfig();
        var service = Service(live, db, config);
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Null(live.Current);
        Assert.NotEmpty(live.Problems);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ReloadAsync_AdminEditThenPolicyEditAndRestart_AdminEditKept(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        var live = new LiveConfig();
        await Service(live, db, config).ReloadAsync(CancellationToken.None);
        await AdminRenamesAsync(live, db, "P-042", "王改名");

        config.Write("policy.yaml", File.ReadAllText(config.FullPath("policy.yaml")) + "\n# edited\n");
        var restarted = new LiveConfig();
        await Service(restarted, db, config).ReloadAsync(CancellationToken.None);

        Assert.Equal(2, restarted.Current!.DirectoryVersion);
        Assert.Equal("王改名", restarted.Current.Matching.Matcher.Directory.PeopleById["P-042"].Name);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ReloadAsync_FolderEditedAfterAnAdminEdit_FolderReplacesItAndTheAuditSaysSo(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        var live = new LiveConfig();
        var service = Service(live, db, config);
        await service.ReloadAsync(CancellationToken.None);
        await AdminRenamesAsync(live, db, "P-042", "王改名");

        config.ReplaceLine("directory/people.csv", "P-043,", "P-043,李文件,+8613800000043,,zh-CN,");
        await service.ReloadAsync(CancellationToken.None);

        var directory = live.Current!.Matching.Matcher.Directory;
        Assert.Equal((3L, "李文件"), (live.Current.DirectoryVersion, directory.PeopleById["P-043"].Name));
        Assert.NotEqual("王改名", directory.PeopleById["P-042"].Name);
        var audit = await new SqlDirectoryVersionStore(db.Database).ListChangesAsync(10, null, CancellationToken.None);
        Assert.Equal(
            [("P-043", (string?)null), ("P-042", null)],
            audit.Where(a => a.Version == 3).Select(a => (a.Key, a.ChangedBy)).OrderByDescending(a => a.Key));
    }

    [Theory, SqliteData, PostgresData]
    public async Task FollowStoredVersionAsync_AnotherInstanceStoredAnEdit_TakenOver(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        using var config = new SampleConfigFolder();
        var here = new LiveConfig();
        var service = Service(here, db, config);
        await service.ReloadAsync(CancellationToken.None);
        var there = new LiveConfig();
        await Service(there, db, config).ReloadAsync(CancellationToken.None);
        await AdminRenamesAsync(there, db, "P-042", "王改名");

        await service.FollowStoredVersionAsync(CancellationToken.None);

        Assert.Equal(2, here.Current!.DirectoryVersion);
        Assert.Equal("王改名", here.Current.Matching.Matcher.Directory.PeopleById["P-042"].Name);
    }

    private static async Task AdminRenamesAsync(LiveConfig live, TempDatabase db, string personId, string name)
    {
        var editor = new AlertWorker.Directory.DirectoryEditor(live, new SqlDirectoryVersionStore(db.Database),
            new FakeTimeProvider(Start), NullLogger<AlertWorker.Directory.DirectoryEditor>.Instance);
        var person = live.Current!.Config.Directory.PeopleById[personId];
        var text = editor.TextWithRow(AlertWorker.Directory.DirectoryTables.People, personId,
            [person.Id, name, person.Phone ?? "", person.Email ?? "", person.Language, person.RegionCode ?? ""])!;
        var result = await editor.ApplyAsync(AlertWorker.Directory.DirectoryTables.People, text, live.Current.DirectoryVersion, "admin", CancellationToken.None);
        Assert.Equal(AlertWorker.Directory.EditOutcome.Applied, result.Outcome);
    }

    internal static ConfigReloadService Service(LiveConfig live, TempDatabase db, SampleConfigFolder config, TimeProvider? time = null) =>
        new(live, new SqlDirectoryVersionStore(db.Database), new UnusedSchedulerFactory(),
            Options.Create(new AlertWorkerOptions { ConfigDirectory = config.Path }),
            time ?? new FakeTimeProvider(Start), NullLogger<ConfigReloadService>.Instance);

    /// <summary>Feeds do not change in these tests, so the schedule is never touched.</summary>
    private sealed class UnusedSchedulerFactory : ISchedulerFactory
    {
        public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) => throw Touched();

        public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) => throw Touched();

        public ValueTask<IScheduler?> GetScheduler(string schedName, CancellationToken cancellationToken = default) => throw Touched();

        public ValueTask<IScheduler?> LookupScheduler(string schedName, CancellationToken cancellationToken = default) => throw Touched();

        private static InvalidOperationException Touched() => new("the schedule must not be touched");
    }
}
