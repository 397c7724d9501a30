using System.Text.Json;
using System.Text.Json.Nodes;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Replay;

/// <summary>
/// <c>replay</c> on the sample county 青岚县 (config/): the rainstorm chain (orange Alert, red
/// Update, Cancel) and the geohazard forecast, against expected/qinglan-sample-chain.json.
/// </summary>
/// <remarks>
/// The expected file was derived independently of our code, from config/directory/*.csv,
/// config/policy.yaml and the documents, by the rules of SPEC §5–§6: points inside a polygon
/// (ray casting on lon/lat; the nearest point to any edge is 0.0023° away, so no point is on an
/// edge) or in the subtree of a named geocode region; region roles on the root path of an
/// affected region; duty roles on shift at 2026-06-14T08:00+08:00 (P-007 duty officer and P-014
/// duty leader, whose shifts start at that instant); the level's roles and channels. Notable:
/// <list type="bullet">
/// <item>Orange (eventCode 0203, 预警级别 橙色): no duty leader (orange does not list it); the
/// technical leads are told; P-033 has email only, so orange [sms, voice] falls back to email.</item>
/// <item>The red Update widens polygon and geocodes to a superset: nobody is released; P-014 (duty
/// leader) joins because red lists that role.</item>
/// <item>The Cancel's recipients and <c>released</c> are everyone told in the chain, each as last
/// told (roles, channels and points of the red Update); its hazard points are those lifted; its
/// own level is blue (Minor, no colour).</item>
/// <item>Geohazard features: level 2 orange, 3 yellow (no technical leads, no county duty, sms +
/// email), 4 blue (township duty of the two named townships and the duty officer only, by email).
/// Their validity starts at 20:00 that day: a future onset still notifies now.</item>
/// </list>
/// </remarks>
public class ReplaySampleTests
{
    private const string At = "2026-06-14T08:00:00+08:00";

    private static readonly string[] Chain =
    [
        "samples/qinglan-1-rainstorm-orange.xml",
        "samples/qinglan-2-rainstorm-red-update.xml",
        "samples/qinglan-3-rainstorm-cancel.xml",
        "samples/qinglan-geohazard-risk.geojson",
    ];

    [Fact]
    public async Task Replay_SampleCountyChain_MatchesTheHandDerivedPlan()
    {
        using var config = new SampleConfigFolder();

        var result = await ReplayRun.RunAsync(
            ["--config", config.Path, "--at", At, "--format", "json", .. Chain.Select(config.FullPath)]);

        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.Exit);
        JsonAssert.Equal(Expected().ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Replay_UpdateWithoutItsOriginal_IsANewWarningForTheSamePeople()
    {
        // SPEC §6: an Update whose references are all unknown is a new warning (notify).
        using var config = new SampleConfigFolder();

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, config.FullPath(Chain[1]));

        var update = Expected()["warnings"]![1]!;
        update["action"] = "notify";
        Assert.Equal(0, result.Exit);
        JsonAssert.Equal(new JsonObject { ["warnings"] = new JsonArray(update.DeepClone()), ["rejected"] = new JsonArray() }.ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Replay_CancelBeforeItsAlert_IsUnknownReferenceAndTheAlertStillNotifies()
    {
        using var config = new SampleConfigFolder();

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, config.FullPath(Chain[2]), config.FullPath(Chain[0]));

        using var json = JsonDocument.Parse(result.Stdout);
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(0, result.Exit);
        Assert.Equal(("ignored", "unknown-reference"), (warnings[0].GetProperty("action").GetString(), warnings[0].GetProperty("reason").GetString()));
        Assert.Empty(warnings[0].GetProperty("recipients").EnumerateArray());
        JsonAssert.Equal(Expected()["warnings"]![0]!.ToJsonString(), warnings[1].GetRawText());
    }

    [Fact]
    public async Task Replay_UpdateMovedAwayFromTheCounty_IsAnUpdateThatReleasesEveryone()
    {
        // SPEC §6: an Update of a known warning is always "update", even when it reaches nobody:
        // its recipients are empty and everyone told by the orange Alert is released.
        using var config = new SampleConfigFolder();
        var moved = config.FullPath("samples/moved.xml");
        var text = File.ReadAllText(config.FullPath(Chain[1]))
            .Replace("30.00,102.44 30.00,102.76 30.32,102.76 30.32,102.56 30.10,102.44 30.00,102.44", "40.0,110.0 40.0,111.0 41.0,111.0 40.0,110.0");
        foreach (var code in new[] { "511829100", "511829101", "511829200", "511829201" })
            text = text.Replace($"<value>{code}</value>", "<value>999999</value>");
        File.WriteAllText(moved, text);

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, config.FullPath(Chain[0]), moved);

        var expected = Expected();
        var alert = expected["warnings"]![0]!;
        var update = expected["warnings"]![1]!;
        update["hazardPoints"] = new JsonArray();
        update["recipients"] = new JsonArray();
        update["released"] = new JsonArray(alert["recipients"]!.AsArray().Select(r => (JsonNode?)JsonValue.Create(r!["personId"]!.GetValue<string>())).ToArray());
        Assert.Equal(0, result.Exit);
        JsonAssert.Equal(new JsonObject { ["warnings"] = new JsonArray(alert.DeepClone(), update.DeepClone()), ["rejected"] = new JsonArray() }.ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Replay_ExerciseCopy_MarksEveryRecipient()
    {
        // SPEC §6: an Exercise is notified like the real thing, every message marked as an exercise.
        using var config = new SampleConfigFolder();
        var exercise = config.FullPath("samples/exercise.xml");
        File.WriteAllText(exercise, File.ReadAllText(config.FullPath(Chain[0])).Replace("<status>Actual</status>", "<status>Exercise</status>"));

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, exercise);

        var expected = Expected()["warnings"]![0]!;
        expected["status"] = "Exercise";
        foreach (var recipient in expected["recipients"]!.AsArray()) recipient!["exercise"] = true;
        Assert.Equal(0, result.Exit);
        JsonAssert.Equal(new JsonObject { ["warnings"] = new JsonArray(expected.DeepClone()), ["rejected"] = new JsonArray() }.ToJsonString(), result.Stdout);
    }

    private static JsonNode Expected() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "expected", "qinglan-sample-chain.json")))!;
}
