using AlertWorker.Cli;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Cli;

public class CheckConfigCommandTests
{
    [Fact]
    public async Task Run_SampleConfig_PrintsSummaryAndExitsZero()
    {
        var (exit, stdout, stderr) = await RunAsync("check-config", "--config", SampleConfigFolder.SourcePath);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal(
            $"{SampleConfigFolder.SourcePath}: valid: {Rows("regions")} regions, {Rows("hazard-points")} hazard points, "
            + $"{Rows("people")} people, {Rows("assignments")} assignments, {Rows("duty-roster")} shifts, 2 feeds, 2 users",
            stdout.TrimEnd());
    }

    [Fact]
    public async Task Run_BrokenCopy_PrintsEachProblemAndExitsOne()
    {
        using var config = new SampleConfigFolder();
        var phone = config.ReplaceLine("directory/people.csv", "P-014,", "P-014,张三,+86138,,zh-CN,511829");
        var role = config.ReplaceLine("directory/assignments.csv", "P-001,", "P-001,county-boss,511829");
        config.Write("feeds.yaml", "feeds:\n  - id: a\n    kind: cap\n    url: samples/gone.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 15m\n");
        config.Write("policy.yaml", File.ReadAllText(config.FullPath("policy.yaml")).Replace("channels: [email]", "channels: [wechat]"));
        var channel = config.LineOf("policy.yaml", "    channels: [wechat]");

        var (exit, stdout, _) = await RunAsync("check-config", "--config=" + config.Path);

        Assert.Equal(1, exit);
        Assert.Equal(
        [
            $"directory/people.csv:{phone}: phone '+86138' is not a valid E.164 number (person P-014)",
            $"directory/assignments.csv:{role}: role 'county-boss' is not a role (use prevention-lead, monitor, technical-lead, township-duty or county-duty)",
            $"policy.yaml:{channel}: blue.channels: unknown channel 'wechat' (use sms, voice or email)",
            "feeds.yaml:4: feed a: url: file 'samples/gone.xml' does not exist (paths are relative to the config folder)",
        ], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Run_MissingFolder_ExitsOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), "alertworker-no-such-config-" + Guid.NewGuid().ToString("N"));

        var (exit, stdout, _) = await RunAsync("check-config", "--config", missing);

        Assert.Equal(1, exit);
        Assert.Equal($"{missing}:0: the config folder does not exist", stdout.TrimEnd());
    }

    [Theory]
    [InlineData("--config")]              // the option without its folder
    [InlineData("--verbose")]             // an unknown option
    [InlineData("--config", "a", "b")]    // a stray argument
    public async Task Run_BadArguments_ExitsTwo(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(["check-config", .. args]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("usage: AlertWorker check-config [--config DIR]", stderr);
    }

    /// <summary>Data rows of a sample CSV counted independently of the loader: lines less comments and the header.</summary>
    private static int Rows(string name) =>
        File.ReadLines(Path.Combine(SampleConfigFolder.SourcePath, "directory", name + ".csv")).Count(l => !l.StartsWith('#')) - 1;

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
