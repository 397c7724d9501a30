using System.Globalization;
using AlertWorker.Configuration;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Tests.Reference;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Tests.Reference;

/// <summary>What <see cref="ScenarioWriter"/> writes reads back, through the real loaders and
/// parser, as the scenario it was written from; so replaying the files tests the scenario.</summary>
public class ScenarioWriterTests
{
    private const int Scenarios = 100;

    [Fact]
    public void Write_RandomScenarios_ReadBackAsGenerated()
    {
        var seed0 = ScenarioGenerator.FirstSeed();
        for (var i = 0; i < Scenarios; i++)
        {
            var scenario = ScenarioGenerator.Generate(unchecked(seed0 + i));
            using var folder = new ScenarioFolder(scenario.Seed);
            var written = ScenarioWriter.Write(scenario, folder.Path, broken: false);

            var config = ConfigLoader.Load(written.ConfigDirectory);
            folder.Check(config.IsValid, () => "config does not load:\n" + string.Join("\n", config.Problems));
            var d = config.Value!.Directory;
            Same(folder, "regions", scenario.Directory.Regions, d.Regions);
            Same(folder, "hazard points", scenario.Directory.HazardPoints, d.HazardPoints);
            Same(folder, "people", scenario.Directory.People, d.People);
            Same(folder, "assignments", scenario.Directory.Assignments, d.Assignments);
            Same(folder, "shifts", scenario.Directory.Shifts, d.Shifts);
            Same(folder, "policy", [Describe(scenario.Policy)], [Describe(config.Value.Policy)]);

            var parsed = new List<Warning>();
            foreach (var document in written.Documents)
            {
                var result = DocumentParser.Parse(File.ReadAllBytes(document.Path), ParseOptions.Default);
                folder.Check(result.Kind == document.Kind && result.DocumentError is null && result.Rejections.Count == 0,
                    () => $"{document.Path} read as {result.Kind}, not {document.Kind}: {result.DocumentError} {string.Join("; ", result.Rejections)}");
                parsed.AddRange(result.Warnings);
            }
            Same(folder, "warnings", scenario.Warnings.Select(Describe).ToList(), parsed.Select(Describe).ToList());
        }
    }

    [Fact]
    public void Write_SameScenario_SameFiles()
    {
        var scenario = ScenarioGenerator.Generate(7);
        using var a = new ScenarioFolder(scenario.Seed);
        using var b = new ScenarioFolder(scenario.Seed);

        var first = ScenarioWriter.Write(scenario, a.Path, broken: true);
        var second = ScenarioWriter.Write(scenario, b.Path, broken: true);

        Assert.Equal(first.Documents.Select(d => File.ReadAllText(d.Path)), second.Documents.Select(d => File.ReadAllText(d.Path)));
    }

    /// <summary>The writer must reach every form the replay comparison is meant to cover.</summary>
    [Fact]
    public void Write_ManySeeds_UseEveryFormAndBreakage()
    {
        var documents = new List<(WrittenDocument Document, string Text)>();
        var rejections = new List<ExpectedRejection>();
        var csv = "";
        for (var seed = 0; seed < 60; seed++)
        {
            using var folder = new ScenarioFolder(seed);
            var written = ScenarioWriter.Write(ScenarioGenerator.Generate(seed), folder.Path, broken: seed % 2 == 0);
            documents.AddRange(written.Documents.Select(d => (d, File.ReadAllText(d.Path))));
            rejections.AddRange(written.Rejections);
            csv += File.ReadAllText(Path.Combine(written.ConfigDirectory, "directory", "people.csv"));
        }

        Assert.Contains(documents, d => d.Document.Kind == FeedKind.Cap && d.Document.Warnings.Count == 1);
        Assert.Contains(documents, d => d.Document.Kind == FeedKind.CapIndex && d.Document.Warnings.Count > 1);
        Assert.Contains(documents, d => d.Document.Kind == FeedKind.NwsGeoJson && d.Document.Warnings.Count > 1);
        Assert.Contains(documents, d => d.Document.Warnings.Any(w => w.Infos.SelectMany(i => i.Areas).SelectMany(a => a.Polygons).Any(p => p.Holes.Count > 0)));
        Assert.Contains(documents, d => d.Document.Kind == FeedKind.Cap && d.Text.Contains("<circle>"));
        Assert.Contains(documents, d => d.Document.Kind == FeedKind.CapIndex && d.Text.Contains("<references>"));
        Assert.Contains("\"\"", csv);
        foreach (var reason in new[] { "polygon not closed", "missing <scope>", "not well-formed XML" })
            Assert.Contains(rejections, r => r.Reason == reason);
        Assert.Contains(rejections, r => r.Part.StartsWith("feature ", StringComparison.Ordinal));
        Assert.Contains(rejections, r => documents.Any(d => d.Document.Path == r.Input && d.Document.Warnings.Count > 0));
    }

    private static void Same<T>(ScenarioFolder folder, string what, IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        var e = string.Join("\n", expected);
        var a = string.Join("\n", actual);
        folder.Check(e == a, () => $"{what} differ:\nexpected\n{e}\nactual\n{a}");
    }

    private static string Describe(AlertPolicy policy) =>
        string.Join("; ", policy.Levels.OrderBy(l => l.Key).Select(l =>
            $"{l.Key}: roles {string.Join(",", l.Value.Roles.Order())} channels {string.Join(",", l.Value.Channels)}"));

    /// <summary>Every field of a warning the generator sets, coordinates to the last bit.</summary>
    private static string Describe(Warning w) =>
        $"{w.Key} sent {Time(w.Sent)} {w.Status} {w.MsgType} scope {w.Scope} references[" +
        string.Join(" ", w.References.Select(r => $"{r.Key}@{(r.Sent is { } s ? Time(s) : "-")}")) + "] infos[" +
        string.Join(" | ", w.Infos.Select(i =>
            $"{i.Language} {i.Event} {i.Severity} expires {(i.Expires is { } e ? Time(e) : "-")} " +
            $"codes {Values(i.EventCodes)} parameters {Values(i.Parameters)} areas[" +
            string.Join(" / ", i.Areas.Select(a =>
                $"{a.AreaDesc} polygons {string.Join(";", a.Polygons.Select(p => Ring(p.Shell) + string.Concat(p.Holes.Select(h => " hole " + Ring(h)))))} " +
                $"circles {string.Join(";", a.Circles.Select(c => $"{Number(c.Centre.Lat)},{Number(c.Centre.Lon)} {Number(c.RadiusKm)}"))} " +
                $"geocodes {Values(a.Geocodes)}")) + "]")) + "]";

    private static string Values(IEnumerable<NamedValue> values) => string.Join(",", values.Select(v => $"{v.ValueName}={v.Value}"));

    private static string Ring(IEnumerable<GeoPoint> ring) => string.Join(" ", ring.Select(p => $"{Number(p.Lat)},{Number(p.Lon)}"));

    private static string Time(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
