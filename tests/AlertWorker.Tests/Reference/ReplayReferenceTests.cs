using System.Globalization;
using System.Text.Json;
using AlertWorker.Cli;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Tests.Reference;

namespace AlertWorker.Tests.Reference;

/// <summary>
/// The whole <c>replay</c> command (config loaders, document parsers, lifecycle, matching, JSON
/// report) against <see cref="ReferenceModel"/> on random scenarios written to files: every
/// warning's key, msgType, status, level, severity, action, reason, hazard points, recipients
/// and released must be what the reference says; every broken document slipped in must be
/// rejected, in order, without changing the rest.
/// </summary>
public class ReplayReferenceTests
{
    private const int Scenarios = 200;

    [Fact]
    public async Task Replay_RandomScenarioFiles_AgreesWithReference()
    {
        var seed0 = ScenarioGenerator.FirstSeed();
        for (var i = 0; i < Scenarios; i++)
        {
            var scenario = ScenarioGenerator.Generate(unchecked(seed0 + i));
            using var folder = new ScenarioFolder(scenario.Seed);
            // One scenario in four also carries broken documents.
            var written = ScenarioWriter.Write(scenario, folder.Path, broken: scenario.Seed % 4 == 0);

            var (exit, stdout, stderr) = await ReplayAsync(scenario.Now, written);

            folder.Check(stderr.Length == 0 && stdout.Length > 0, () => $"exit code {exit}, stderr: {stderr}");
            using var json = JsonDocument.Parse(stdout);
            var report = json.RootElement;
            var rejected = report.GetProperty("rejected").EnumerateArray()
                .Select(r => (Input: r.GetProperty("input").GetString()!, Error: r.GetProperty("error").GetString()!)).ToList();
            folder.Check(exit == (written.Rejections.Count == 0 ? 0 : 1), () => $"exit code {exit}, expected rejections {written.Rejections.Count}");
            folder.Check(rejected.Count == written.Rejections.Count
                && rejected.Zip(written.Rejections).All(x => x.First.Input == x.Second.Input
                    && x.First.Error.Contains(x.Second.Part, StringComparison.Ordinal)
                    && x.First.Error.Contains(x.Second.Reason, StringComparison.Ordinal)),
                () => "rejected:\n" + string.Join("\n", rejected) + "\nexpected:\n" + string.Join("\n", written.Rejections));

            var expected = ReferenceModel.Outcomes(scenario).Select(Print).ToList();
            var actual = report.GetProperty("warnings").EnumerateArray().Select(Print).ToList();
            folder.Check(expected.Count == actual.Count, () => $"{actual.Count} warnings in the report, {expected.Count} in the scenario");
            for (var n = 0; n < expected.Count; n++)
            {
                var k = n;
                folder.Check(expected[k] == actual[k], () => $"warning {k}:\nexpected {expected[k]}\nactual   {actual[k]}");
            }
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ReplayAsync(DateTimeOffset now, WrittenScenario written)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["replay", "--config", written.ConfigDirectory, "--at", now.ToString("O", CultureInfo.InvariantCulture), "--format", "json",
            .. written.Documents.Select(d => d.Path)];
        var exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The reference's decision in the words of SPEC §2.1, one line.</summary>
    private static string Print(ReferenceOutcome o) =>
        Line(o.Key, o.MsgType.ToString(), o.Status.ToString(), o.Level.ToString().ToLowerInvariant(), o.Severity.ToString(), o.Action,
            o.Reason is { } r ? ReasonName(r) : null, o.Points,
            o.Recipients.Select(p => (p.Id, p.Roles, p.Channels, p.Points, p.Exercise, p.Fallback)), o.Released);

    /// <summary>A warning of the replay report, one line in the same form.</summary>
    private static string Print(JsonElement w)
    {
        static List<string> Strings(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToList();
        return Line(w.GetProperty("key").GetString()!, w.GetProperty("msgType").GetString()!, w.GetProperty("status").GetString()!,
            w.GetProperty("level").GetString()!, w.GetProperty("severity").GetString()!, w.GetProperty("action").GetString()!,
            w.GetProperty("reason").GetString(), Strings(w, "hazardPoints"),
            w.GetProperty("recipients").EnumerateArray().Select(p => (p.GetProperty("personId").GetString()!, Strings(p, "roles"),
                Strings(p, "channels"), Strings(p, "hazardPoints"), p.GetProperty("exercise").GetBoolean(), p.GetProperty("fallback").GetBoolean())),
            Strings(w, "released"));
    }

    private static string Line(string key, string msgType, string status, string level, string severity, string action, string? reason,
        List<string> points, IEnumerable<(string Id, List<string> Roles, List<string> Channels, List<string> Points, bool Exercise, bool Fallback)> recipients,
        List<string> released) =>
        $"{key} {msgType}/{status} level {level} severity {severity} -> {action} ({reason ?? "-"}) points[{string.Join(",", points)}] recipients[" +
        string.Join(";", recipients.Select(p =>
            $"{p.Id}:{string.Join(",", p.Roles)}:{string.Join(",", p.Channels)}:{string.Join(",", p.Points)}:{p.Exercise}:{p.Fallback}")) +
        $"] released[{string.Join(",", released)}]";

    /// <summary>SPEC §2.1's reason words, written here from the text.</summary>
    private static string ReasonName(IgnoreReason reason) => reason switch
    {
        IgnoreReason.Duplicate => "duplicate",
        IgnoreReason.Draft => "draft",
        IgnoreReason.System => "system",
        IgnoreReason.Test => "test",
        IgnoreReason.Expired => "expired",
        IgnoreReason.UnknownReference => "unknown-reference",
        IgnoreReason.BelowPolicy => "below-policy",
        _ => "no-recipients",
    };
}
