using System.Diagnostics;
using System.Text.Json;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Replay;

/// <summary>The <c>replay</c> command line (SPEC §2, §2.1, §3.1): arguments, exit codes, output
/// shapes, and hostile or unreadable inputs.</summary>
public class ReplayCommandTests
{
    private const string At = "2026-06-14T08:00:00+08:00";
    private const string Usage = "usage: AlertWorker replay [--config DIR] [--at ISO8601] [--format json|table] FILE...";
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("--at", At)]                                        // no FILE
    [InlineData("--at", "yesterday", "a.xml")]                      // --at that is no time
    [InlineData("--at", "2026-13-01T08:00:00+08:00", "a.xml")]      // month 13
    [InlineData("--at", "06/14/2026 08:00", "a.xml")]               // not ISO 8601
    [InlineData("--at", "2026-06-14T08:00:00", "a.xml")]            // no offset: refused, not guessed
    [InlineData("a.xml", "--at")]                                   // --at without its value
    [InlineData("--format", "xml", "a.xml")]                        // an unknown format
    [InlineData("--format", "JSON", "a.xml")]                       // formats are lower case
    [InlineData("a.xml", "--format")]                               // --format without its value
    [InlineData("--config", "", "a.xml")]                           // an empty config folder name
    [InlineData("--verbose", "a.xml")]                              // an unknown option
    public async Task Replay_BadArguments_ExitsTwoWithUsageAndPrintsNothing(params string[] args)
    {
        var result = await ReplayRun.RunAsync(args);

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Equal(2, result.StderrLines.Length);
        Assert.StartsWith("replay: ", result.StderrLines[0]);
        Assert.Equal(Usage, result.StderrLines[1]);
    }

    [Fact]
    public async Task Replay_InvalidConfig_ExitsTwoWithEachProblemOnStderr()
    {
        using var config = new SampleConfigFolder();
        var phone = config.ReplaceLine("directory/people.csv", "P-014,", "P-014,万强,+86138,,zh-CN,511829");
        var role = config.ReplaceLine("directory/assignments.csv", "P-001,", "P-001,county-boss,511829");
        var level = config.ReplaceLine("policy.yaml", "  blue:", "  purple:");

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, config.FullPath("samples/qinglan-1-rainstorm-orange.xml"));

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Equal(
        [
            $"directory/people.csv:{phone}: phone '+86138' is not a valid E.164 number (person P-014)",
            $"directory/assignments.csv:{role}: role 'county-boss' is not a role (use prevention-lead, monitor, technical-lead, township-duty or county-duty)",
            $"policy.yaml:{level}: unknown level 'purple' (use red, orange, yellow or blue)",
            $"replay: the configuration in '{config.Path}' is not valid",
        ], result.StderrLines);
    }

    [Fact]
    public async Task Replay_MissingConfigFolder_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "alertworker-no-such-config-" + Guid.NewGuid().ToString("N"));

        var result = await ReplayRun.RunAsync("--config", missing, ReplayRun.Fixture("cap/iceland-imo-is-en-polygons.cap"));

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"{missing}:0: the config folder does not exist", result.StderrLines[0]);
    }

    [Fact]
    public async Task Replay_UnreadableInputs_AreRejectedAndTheRestIsProcessed()
    {
        using var config = new SampleConfigFolder();
        var missing = Path.Combine(config.Path, "samples", "no-such-file.xml");
        var folder = Path.Combine(config.Path, "samples");

        // An empty name too, as a script passing an unset variable ("$FILE") would.
        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At,
            missing, config.FullPath("samples/qinglan-1-rainstorm-orange.xml"), folder, "");

        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Stdout);
        var warning = Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Equal("notify", warning.GetProperty("action").GetString());
        var rejected = json.RootElement.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([missing, folder, ""], rejected.Select(r => r.GetProperty("input").GetString()));
        Assert.All(rejected, r => Assert.StartsWith("cannot read the file: ", r.GetProperty("error").GetString()));
        Assert.Equal("cannot read the file: the file name is empty", rejected[2].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Replay_WithoutAt_JudgesExpiryByTheClock()
    {
        // The Iceland warning expires 2021-09-13T10:00:00Z: live on a clock a day before, expired a day after.
        var before = new DateTimeOffset(2021, 9, 12, 10, 0, 0, TimeSpan.Zero);
        var layout = new FixtureLayout(new(64.1114, -21.8914), new(64.5, -21.8914), new(64.5, -21.8914), null);
        using var config = ReplayConfigFolder.Create(layout, before);
        string[] args = ["--config", config.Path, ReplayRun.Fixture("cap/iceland-imo-is-en-polygons.cap")];

        var live = await ReplayRun.RunAsync(args, clockAt: before);
        var expired = await ReplayRun.RunAsync(args, clockAt: before.AddDays(2));

        Assert.Equal(("notify", null), ActionAndReasonOf(live.Stdout));
        Assert.Equal(("ignored", "expired"), ActionAndReasonOf(expired.Stdout));
    }

    [Fact]
    public async Task Replay_TableFormat_PrintsOneBlockPerWarningInJsonOrder()
    {
        using var config = new SampleConfigFolder();
        string[] files =
        [
            config.FullPath("samples/qinglan-1-rainstorm-orange.xml"),
            config.FullPath("samples/qinglan-2-rainstorm-red-update.xml"),
            config.FullPath("samples/qinglan-3-rainstorm-cancel.xml"),
            config.FullPath("samples/qinglan-geohazard-risk.geojson"),
            ReplayRun.Fixture("cap-invalid/missing-scope.cap"),
        ];

        var table = await ReplayRun.RunAsync(["--config", config.Path, "--at", At, "--format", "table", .. files]);
        var json = await ReplayRun.RunAsync(["--config", config.Path, "--at", At, "--format", "json", .. files]);

        Assert.Equal(1, table.Exit);
        using var doc = JsonDocument.Parse(json.Stdout);
        var warnings = doc.RootElement.GetProperty("warnings").EnumerateArray().ToList();
        var lines = table.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var blockStarts = lines.Select((l, i) => (l, i)).Where(x => !x.l.StartsWith(' ') && !x.l.StartsWith("REJECTED ", StringComparison.Ordinal)).SkipLast(1).ToList();
        Assert.Equal(warnings.Select(w => w.GetProperty("key").GetString()), blockStarts.Select(b => b.l.Split("  ")[0]));
        for (var w = 0; w < warnings.Count; w++)
        {
            var end = w + 1 < blockStarts.Count ? blockStarts[w + 1].i : lines.FindIndex(l => l.StartsWith("REJECTED ", StringComparison.Ordinal));
            var block = lines[blockStarts[w].i..end];
            var action = warnings[w].GetProperty("action").GetString();
            Assert.EndsWith($"-> {action}", block[0]);
            Assert.Equal(warnings[w].GetProperty("recipients").GetArrayLength(), block.Count(l => l.StartsWith("  -> ", StringComparison.Ordinal)));
        }
        Assert.Equal($"REJECTED {files[^1]}: alert sender|12345: missing <scope>", lines[^2]);
        Assert.Equal($"{warnings.Count} warning(s), 1 rejected", lines[^1]);
    }

    [Fact]
    public async Task Replay_DirectoryRowsInReverseOrder_GiveTheSameSortedOutput()
    {
        // SPEC §2.1: every array but warnings and rejected is sorted ascending. Reversing every CSV's
        // rows must change nothing, and every such array must be in ordinal order.
        using var config = new SampleConfigFolder();
        foreach (var name in new[] { "regions", "hazard-points", "people", "assignments", "duty-roster" })
        {
            var lines = config.ReadLines($"directory/{name}.csv");
            var header = lines.TakeWhile(l => l.StartsWith('#')).Count() + 1;
            config.Write($"directory/{name}.csv", string.Join("\n", lines.Take(header).Concat(lines.Skip(header).Reverse())) + "\n");
        }
        string[] files =
        [
            config.FullPath("samples/qinglan-1-rainstorm-orange.xml"),
            config.FullPath("samples/qinglan-2-rainstorm-red-update.xml"),
            config.FullPath("samples/qinglan-3-rainstorm-cancel.xml"),
            config.FullPath("samples/qinglan-geohazard-risk.geojson"),
        ];

        var result = await ReplayRun.RunAsync(["--config", config.Path, "--at", At, .. files]);

        Assert.Equal(0, result.Exit);
        JsonAssert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "expected", "qinglan-sample-chain.json")), result.Stdout);
        using var doc = JsonDocument.Parse(result.Stdout);
        foreach (var warning in doc.RootElement.GetProperty("warnings").EnumerateArray())
        {
            AssertSorted(warning.GetProperty("hazardPoints").EnumerateArray().Select(e => e.GetString()!));
            AssertSorted(warning.GetProperty("released").EnumerateArray().Select(e => e.GetString()!));
            var recipients = warning.GetProperty("recipients").EnumerateArray().ToList();
            AssertSorted(recipients.Select(r => r.GetProperty("personId").GetString()!));
            foreach (var r in recipients)
            {
                AssertSorted(r.GetProperty("roles").EnumerateArray().Select(e => e.GetString()!));
                AssertSorted(r.GetProperty("channels").EnumerateArray().Select(e => e.GetString()!));
                AssertSorted(r.GetProperty("hazardPoints").EnumerateArray().Select(e => e.GetString()!));
            }
        }
    }

    [Fact]
    public async Task Replay_FileOver16MB_IsRejectedWithoutReadingItAll()
    {
        using var config = new SampleConfigFolder();
        var big = config.FullPath("samples/big.xml");
        using (var stream = new FileStream(big, FileMode.CreateNew)) stream.SetLength(17L * 1024 * 1024); // sparse
        var good = config.FullPath("samples/qinglan-1-rainstorm-orange.xml");

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, big, good).WaitAsync(Prompt);

        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
        var rejected = Assert.Single(json.RootElement.GetProperty("rejected").EnumerateArray());
        Assert.Equal(big, rejected.GetProperty("input").GetString());
        Assert.Equal("document over 16777216 bytes", rejected.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Replay_FileOfExactly16MB_IsNotRefusedForItsSize()
    {
        using var config = new SampleConfigFolder();
        var edge = config.FullPath("samples/edge.xml");
        using (var stream = new FileStream(edge, FileMode.CreateNew)) stream.SetLength(16L * 1024 * 1024);

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, edge).WaitAsync(Prompt);

        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Stdout);
        var error = Assert.Single(json.RootElement.GetProperty("rejected").EnumerateArray()).GetProperty("error").GetString()!;
        Assert.DoesNotContain("document over", error);
    }

    [DevZeroFact]
    public async Task Replay_EndlessDevice_IsRejectedAtTheSizeLimit()
    {
        // /dev/zero never ends: only a reader that stops at the limit returns at all.
        using var config = new SampleConfigFolder();

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, "/dev/zero").WaitAsync(Prompt);

        Assert.Equal(1, result.Exit);
        Assert.Contains("\"error\": \"document over 16777216 bytes\"", result.Stdout);
    }

    /// <summary>Ways a document could try to pull a local file into the output; the file holds the marker.</summary>
    public static TheoryData<string, string> ExternalReferences => new()
    {
        // classic XXE: an external general entity used in a printed field
        { "external entity", """
            <?xml version="1.0"?>
            <!DOCTYPE alert [ <!ENTITY xxe SYSTEM "{SECRET}"> ]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>&xxe;</identifier><sender>x@example.org</sender><sent>2026-06-14T07:00:00+08:00</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info><category>Met</category><event>&xxe;</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty></info>
            </alert>
            """ },
        // an external DTD as the document type
        { "external DTD", """
            <?xml version="1.0"?>
            <!DOCTYPE alert SYSTEM "{SECRET}">
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X-1</identifier></alert>
            """ },
        // an external parameter entity
        { "parameter entity", """
            <?xml version="1.0"?>
            <!DOCTYPE alert [ <!ENTITY % p SYSTEM "{SECRET}"> %p; ]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X-1</identifier></alert>
            """ },
        // XInclude without any DOCTYPE, in the printed event
        { "XInclude", """
            <?xml version="1.0"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" xmlns:xi="http://www.w3.org/2001/XInclude">
              <identifier>X-1</identifier><sender>x@example.org</sender><sent>2026-06-14T07:00:00+08:00</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info><category>Met</category><event><xi:include href="{SECRET}" parse="text"/></event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty></info>
            </alert>
            """ },
        // a signature whose reference points at the file
        { "signature reference", """
            <?xml version="1.0"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>X-1</identifier><sender>x@example.org</sender><sent>2026-06-14T07:00:00+08:00</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info><category>Met</category><event>Rainstorm</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty></info>
              <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
                <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
                <Reference URI="{SECRET}"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AAAA</DigestValue></Reference>
              </SignedInfo><SignatureValue>AAAA</SignatureValue></Signature>
            </alert>
            """ },
    };

    [Theory]
    [MemberData(nameof(ExternalReferences))]
    public async Task Replay_DocumentReferencingALocalFile_IsRejectedAndNeverShowsTheFile(string attack, string template)
    {
        using var config = new SampleConfigFolder();
        const string marker = "SECRET-MARKER-7f3a9c";
        var secret = config.FullPath("secret.txt");
        File.WriteAllText(secret, marker);
        var input = config.FullPath("samples/attack.xml");
        File.WriteAllText(input, template.Replace("{SECRET}", new Uri(secret).AbsoluteUri));

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, "--format", "json", input).WaitAsync(Prompt);
        var table = await ReplayRun.RunAsync("--config", config.Path, "--at", At, "--format", "table", input).WaitAsync(Prompt);

        Assert.True(result.Exit == 1, $"{attack}: {result.Stdout}");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Single(json.RootElement.GetProperty("rejected").EnumerateArray());
        Assert.DoesNotContain(marker, result.Stdout + result.Stderr + table.Stdout + table.Stderr);
    }

    [Fact]
    public async Task Replay_EntityExpansionBomb_IsRejectedPromptly()
    {
        // "billion laughs": ten levels of ten references, 10^9 copies of "lol" if ever expanded.
        var entities = string.Join("\n", Enumerable.Range(1, 9).Select(i =>
            $"  <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var bomb = $"""
            <?xml version="1.0"?>
            <!DOCTYPE alert [
              <!ENTITY lol0 "lol">
            {entities}
            ]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>
            """;
        using var config = new SampleConfigFolder();
        var input = config.FullPath("samples/bomb.xml");
        File.WriteAllText(input, bomb);
        var watch = Stopwatch.StartNew();

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", At, input).WaitAsync(Prompt);

        Assert.True(watch.Elapsed < Prompt, $"took {watch.Elapsed}");
        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Stdout);
        var rejected = Assert.Single(json.RootElement.GetProperty("rejected").EnumerateArray());
        Assert.Equal("carries a DOCTYPE (DTDs and entities are never processed)", rejected.GetProperty("error").GetString());
        Assert.True(result.Stdout.Length < 4096, "nothing was expanded into the output");
    }

    private static void AssertSorted(IEnumerable<string> items)
    {
        var list = items.ToList();
        Assert.Equal(list.Order(StringComparer.Ordinal), list);
    }

    private static (string?, string?) ActionAndReasonOf(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var warning = Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
        return (warning.GetProperty("action").GetString(), warning.GetProperty("reason").GetString());
    }

    /// <summary>A fact that needs the endless /dev/zero device; skipped where there is none.</summary>
    private sealed class DevZeroFactAttribute : FactAttribute
    {
        public DevZeroFactAttribute()
        {
            if (!File.Exists("/dev/zero")) Skip = "needs /dev/zero";
        }
    }
}
