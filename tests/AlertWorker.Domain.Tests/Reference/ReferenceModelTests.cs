using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Domain.Tests.Reference;

/// <summary>The real pipeline against <see cref="ReferenceModel"/> on random scenarios.</summary>
public class ReferenceModelTests
{
    private const int Scenarios = 400;

    /// <summary>What the pipeline did, printed as the reference prints it.</summary>
    private static string Print(WarningOutcome o)
    {
        var notices = o.Notices.Select(n => $"{n.PersonId}:{n.Kind}:{n.Level}").Order(StringComparer.Ordinal);
        return $"{o.Warning.Key} {o.Action.ToString().ToLowerInvariant()} {o.Reason} points[{string.Join(",", o.HazardPoints)}] recipients[" +
            string.Join(";", o.Recipients.Select(r =>
                $"{r.PersonId}:{string.Join(",", r.Roles.Select(x => x.ToName()))}:{string.Join(",", r.Channels.Select(x => x.ToName()))}" +
                $":{string.Join(",", r.HazardPoints)}:{r.Exercise}:{r.Fallback}")) +
            $"] released[{string.Join(",", o.Released)}] notices[{string.Join(",", notices)}]";
    }

    [Fact]
    public void Process_RandomScenarios_AgreesWithReference()
    {
        var seed0 = ScenarioGenerator.FirstSeed();
        for (var i = 0; i < Scenarios; i++)
        {
            var scenario = ScenarioGenerator.Generate(unchecked(seed0 + i));
            var expected = ReferenceModel.Run(scenario);

            var matcher = new Matcher(scenario.Directory);
            var history = new InMemoryWarningHistory();
            for (var n = 0; n < scenario.Warnings.Count; n++)
            {
                var outcome = WarningPipeline.Process(scenario.Warnings[n], history, matcher, scenario.Policy, scenario.Now);
                history.Record(outcome);
                var actual = Print(outcome);
                Assert.True(expected[n] == actual,
                    $"seed {scenario.Seed} (run with {ScenarioGenerator.SeedVariable}={scenario.Seed}), warning {n}:\n" +
                    $"expected {expected[n]}\nactual   {actual}");
            }
        }
    }

    [Fact]
    public void Generate_SameSeed_SameScenario()
    {
        var a = ScenarioGenerator.Generate(42);
        var b = ScenarioGenerator.Generate(42);

        Assert.Equal(ReferenceModel.Run(a), ReferenceModel.Run(b));
        Assert.Equal(a.Directory.HazardPoints, b.Directory.HazardPoints);
    }

    /// <summary>The generator must reach every branch the comparison is meant to cover.</summary>
    [Fact]
    public void Generate_ManySeeds_CoverEveryOutcome()
    {
        var lines = Enumerable.Range(0, Scenarios).SelectMany(seed => ReferenceModel.Run(ScenarioGenerator.Generate(seed))).ToList();

        foreach (var expected in new[]
                 {
                     " notify ", " update ", " cancel ", "Duplicate", "Draft", "System", "Test", "Expired", "UnknownReference",
                     "BelowPolicy", "NoRecipients", ":LevelRaised:", ":UpdateNotice:", ":Released:", ":True:False", ":True]",
                     ":True;", "released[P",
                 })
        {
            Assert.Contains(lines, l => l.Contains(expected));
        }
    }
}
