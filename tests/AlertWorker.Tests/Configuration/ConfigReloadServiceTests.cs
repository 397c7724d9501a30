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

    [Fact]
    public async Task ReloadAsync_ValidEdit_NewDirectoryVersionUsedByTheMatcher()
    {
        await using var db = await TempDatabase.CreateAsync();
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

    [Fact]
    public async Task ReloadAsync_UnchangedFolder_NoNewVersion()
    {
        await using var db = await TempDatabase.CreateAsync();
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

    [Fact]
    public async Task ReloadAsync_BrokenEdit_KeepsTheLastValidAndReportsTheLine()
    {
        await using var db = await TempDatabase.CreateAsync();
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

    [Fact]
    public async Task StartAsync_BrokenFolderWithAStoredVersion_RunsOnTheStoredDirectory()
    {
        await using var db = await TempDatabase.CreateAsync();
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

    [Fact]
    public async Task StartAsync_BrokenFolderAndNothingStored_NoConfig()
    {
        await using var db = await TempDatabase.CreateAsync();
        using var config = new SampleConfigFolder();
        config.ReplaceLine("directory/people.csv", "P-042,", "P-042,王明,not-a-phone,,zh-CN,");

        var live = new LiveConfig();
        var service = Service(live, db, config);
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Null(live.Current);
        Assert.NotEmpty(live.Problems);
    }

    private static ConfigReloadService Service(LiveConfig live, TempDatabase db, SampleConfigFolder config) =>
        new(live, new SqlDirectoryVersionStore(db.Database), new UnusedSchedulerFactory(),
            Options.Create(new AlertWorkerOptions { ConfigDirectory = config.Path }),
            new FakeTimeProvider(Start), NullLogger<ConfigReloadService>.Instance);

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
