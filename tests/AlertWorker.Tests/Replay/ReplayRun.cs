using AlertWorker.Cli;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Replay;

/// <summary>What one in-process run of the command line printed and returned.</summary>
internal sealed record ReplayResult(int Exit, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>Runs <c>AlertWorker replay ...</c> in-process, as <c>Program</c> would, with captured output.</summary>
internal static class ReplayRun
{
    /// <summary>A real feed document copied to the test output (tests/fixtures, see EXPECTED.md).</summary>
    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    /// <summary>Runs <c>replay</c> with <paramref name="args"/>; the clock, used only when no <c>--at</c>
    /// is given, is a fake one stopped at <paramref name="clockAt"/> (default: 2000-01-01Z).</summary>
    public static async Task<ReplayResult> RunAsync(string[] args, DateTimeOffset? clockAt = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var clock = new FakeTimeProvider(clockAt ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var exit = await CommandLine.RunAsync(["replay", .. args], stdout, stderr, clock);
        return new ReplayResult(exit, stdout.ToString(), stderr.ToString());
    }

    public static Task<ReplayResult> RunAsync(params string[] args) => RunAsync(args, null);
}
