using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Xml;
using AlertWorker.Directory;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Bench.Province;

/// <summary>
/// The province benchmark (issue 5): a synthetic province of 100 counties, 300,000 hazard points
/// and 600,000 people, loaded through the worker's own <see cref="DirectoryLoader"/>, and 1,000
/// generated warnings. Measures, in one run: matching latency per warning and per batch of 100
/// with the in-memory <see cref="Matcher"/> against the same join in PostGIS; ingest of the 1,000
/// alerts as one CAP Atom document against a bare <see cref="XmlReader"/> pass; the managed memory
/// of the loaded directory and its matcher; and the dispatch figures of the dispatch benchmark (SQLite,
/// and PostgreSQL on the same server as PostGIS).
/// </summary>
internal sealed class ProvinceBenchmark(ProvinceBenchmark.Settings settings, TextWriter output)
{
    public sealed record Settings(int Seed, int HazardPoints, int People, int Alerts, string? Postgres, bool Dispatch, int IngestRuns = 30);

    /// <summary>Inside the generated roster and before every alert expires.</summary>
    private static readonly DateTimeOffset Now = new(2026, 6, 14, 8, 0, 0, TimeSpan.FromHours(8));
    private const int BatchSize = 100;

    private readonly List<string> _notes = [];

    public async Task<int> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "alertworker-bench", "province-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await RunAsync(folder);
        }
        finally
        {
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The ingest measurement alone (bench `-- ingest`): the same document, no directory, no PostgreSQL.</summary>
    public int RunIngest()
    {
        var folder = Path.Combine(Path.GetTempPath(), "alertworker-bench", "ingest-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteMachine("ingest");
            var (alerts, atom, _) = Generate(folder);
            Log($"generated {alerts.Count} alerts, Atom document of {atom.Length:N0} bytes (seed {settings.Seed}); load average {LoadAverage()}");
            var ingest = Ingest(atom, alerts.Count);
            output.WriteLine();
            foreach (var note in _notes) output.WriteLine(note);
            output.WriteLine();
            output.WriteLine("| measure | AlertWorker | XmlReader | ratio | target (issue 5) | met |");
            output.WriteLine("|---|---:|---:|---:|---|---|");
            output.WriteLine(IngestRow(ingest, atom.Length));
            return 0;
        }
        finally
        {
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private void WriteMachine(string what)
    {
        output.WriteLine($"AlertWorker {what} benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, " +
                         $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, " +
                         $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC");
    }

    private async Task<int> RunAsync(string folder)
    {
        WriteMachine("province");

        // 1. The province and its warnings, then drop the generator so that only the directory is measured.
        var clock = Stopwatch.StartNew();
        var (alerts, atom, counties) = Generate(folder);
        Log($"generated the province and {alerts.Count} alerts in {clock.Elapsed.TotalSeconds:0.0} s (seed {settings.Seed})");

        // 2. Memory of the loaded directory and its matcher (managed heap after full GCs). The sample
        // county is loaded first, so that what any load sets up once per process (the phone number
        // library's metadata, ...) is not counted; and the matcher is measured on its second build,
        // as the first also leaves pooled buffers in the process (reported apart).
        new Matcher(Load(AlertWorker.Tests.Process.SyntheticCounty.FindSampleConfig(AppContext.BaseDirectory)));
        var baseline = HeapBytes();
        clock.Restart();
        var directory = Load(folder);
        var loadTime = clock.Elapsed;
        var withSnapshot = HeapBytes();
        clock.Restart();
        BuildAndDrop(directory);
        var buildTime = clock.Elapsed;
        var pooled = HeapBytes() - withSnapshot;
        var beforeMatcher = HeapBytes();
        var matcher = new Matcher(directory);
        var withMatcher = HeapBytes();
        Log($"directory: {directory.Regions.Count:N0} regions ({counties} counties), {directory.HazardPoints.Count:N0} hazard points, " +
            $"{directory.People.Count:N0} people, {directory.Assignments.Count:N0} assignments, {directory.Shifts.Count:N0} shifts; " +
            $"DirectoryLoader.Load {loadTime.TotalSeconds:0.0} s, new Matcher {buildTime.TotalSeconds:0.00} s " +
            $"(the first build leaves {pooled / Mib:0.0} MiB of pooled buffers in the process, not counted below)");
        var memory = new Memory(withSnapshot - baseline, withMatcher - beforeMatcher);

        // 3. Ingest: DocumentParser on the Atom document against a bare XmlReader pass.
        var ingest = Ingest(atom, alerts.Count);
        var parsed = DocumentParser.Parse(atom, ParseOptions.Default);
        var warnings = parsed.Warnings;
        if (warnings.Count != alerts.Count || parsed.Rejections.Count > 0)
            throw new InvalidOperationException($"{warnings.Count} warnings and {parsed.Rejections.Count} rejections from {alerts.Count} alerts: " +
                                                string.Join("; ", parsed.Rejections.Take(3)));
        var shapes = alerts.Select(a => a.Shape).ToList();

        // 4. Matching in memory. The results are kept from the warm-up pass; the timed passes drop
        // each one, as the worker does once the warning is planned and stored.
        var matches = warnings.Select(w => matcher.Match(w, Now)).ToArray();
        var ours = new double[warnings.Count];
        var pass = PassMeter.Start();
        for (var i = 0; i < warnings.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            matcher.Match(warnings[i], Now);
            ours[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Log($"matcher, one warning at a time: {pass.Stop()}");
        pass = PassMeter.Start();
        var ourBatches = Batches(warnings).Select(batch =>
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var warning in batch) matcher.Match(warning, Now);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).ToList();
        Log($"matcher, batches of {BatchSize}: {pass.Stop()}");

        // 5. The same join in PostGIS.
        Postgis? postgis = null;
        if (settings.Postgres is { } connectionString)
            postgis = await PostgisAsync(connectionString, directory, warnings, matches);

        // 6. Dispatch on SQLite and on the PostgreSQL server, from the dispatch benchmark (shipped concurrency only).
        DispatchBenchmark.Row? dispatch = null, dispatchPostgres = null;
        if (settings.Dispatch)
        {
            dispatch = await DispatchAsync(null);
            // pooled as the worker's data source is by default, whatever the connection string given for PostGIS says
            if (settings.Postgres is { } server)
                dispatchPostgres = await DispatchAsync(new Npgsql.NpgsqlConnectionStringBuilder(server) { Pooling = true }.ConnectionString);
        }

        GC.KeepAlive(matcher);
        PrintTable(shapes, matches, ours, ourBatches, postgis, ingest, memory, (dispatch, dispatchPostgres), atom.Length);
        return 0;
    }

    private (List<GeneratedAlert> Alerts, byte[] Atom, int Counties) Generate(string folder)
    {
        var province = new ProvinceGenerator(settings.Seed, settings.HazardPoints, settings.People);
        province.Generate(folder);
        var alerts = new ProvinceWarnings(province, settings.Seed + 1).Generate(settings.Alerts);
        return (alerts, ProvinceWarnings.AtomDocument(alerts), province.Counties.Count);
    }

    private const double Mib = 1024 * 1024;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void BuildAndDrop(DirectorySnapshot directory) => GC.KeepAlive(new Matcher(directory));

    private static DirectorySnapshot Load(string folder)
    {
        var loaded = DirectoryLoader.Load(folder);
        return loaded.Value ?? throw new InvalidOperationException(
            "the generated directory does not load: " + string.Join("; ", loaded.Problems.Take(5)));
    }

    private sealed record Memory(long Snapshot, long Matcher)
    {
        public long Total => Snapshot + Matcher;
    }

    private static long HeapBytes()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record IngestFigures(double ParseMs, double BareMs, double ValuesMs, int Alerts);

    /// <summary>The two read alternately, so that both see the same machine: first until both run
    /// optimized code (tiered JIT: at least two seconds and 30 rounds), then <see cref="Settings.IngestRuns"/>
    /// timed rounds; the medians.</summary>
    private IngestFigures Ingest(byte[] atom, int alerts)
    {
        var settingsXml = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        void Bare()
        {
            using var reader = XmlReader.Create(new MemoryStream(atom, writable: false), settingsXml);
            while (reader.Read())
            {
            }
        }
        // For scale: the same pass taking the text of every node, as any reader of the values must.
        void Values()
        {
            using var reader = XmlReader.Create(new MemoryStream(atom, writable: false), settingsXml);
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                    GC.KeepAlive(reader.Value);
            }
        }
        void Parse() => DocumentParser.Parse(atom, ParseOptions.Default);

        var warmUp = Stopwatch.StartNew();
        for (var round = 0; round < 30 || warmUp.Elapsed < TimeSpan.FromSeconds(2); round++)
        {
            Parse();
            Bare();
            Values();
        }
        var (parse, bare, values) = (new List<double>(), new List<double>(), new List<double>());
        var pass = PassMeter.Start();
        for (var round = 0; round < settings.IngestRuns; round++)
        {
            var start = Stopwatch.GetTimestamp();
            Parse();
            parse.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            Bare();
            bare.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            Values();
            values.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        string Spread(List<double> times) => string.Create(CultureInfo.InvariantCulture,
            $"{times.Min():0.0}/{Percentile(times, 0.25):0.0}/{Median(times):0.0}/{Percentile(times, 0.75):0.0}/{times.Max():0.0}");
        Log($"ingest, {settings.IngestRuns} rounds of the three: {pass.Stop()}; min/p25/median/p75/max ms: parse {Spread(parse)}, " +
            $"bare XmlReader pass {Spread(bare)}, taking values {Spread(values)}");
        return new IngestFigures(Median(parse), Median(bare), Median(values), alerts);
    }

    private sealed record Postgis(
        string Server, string Extension, TimeSpan Load, double[] Full, double[] PointsOnly, List<double> Batches,
        int Identical, int Compared, string? FirstDifference, string Plan);

    private async Task<Postgis> PostgisAsync(string connectionString, DirectorySnapshot directory, IReadOnlyList<Warning> warnings, MatchResult[] matches)
    {
        var clock = Stopwatch.StartNew();
        await using var join = await PostgisJoin.CreateAsync(connectionString, directory);
        var load = clock.Elapsed;
        Log($"PostGIS: loaded and indexed in {load.TotalSeconds:0.0} s");

        // Warm-up: the first warnings one by one, both statements, and one batch.
        foreach (var warning in warnings.Take(30))
        {
            await join.MatchAsync([warning], Now, full: true);
            await join.MatchAsync([warning], Now, full: false);
        }
        await join.MatchAsync(warnings.Take(BatchSize).ToList(), Now, full: true);

        var full = new double[warnings.Count];
        var pointsOnly = new double[warnings.Count];
        var identical = 0;
        string? firstDifference = null;
        for (var i = 0; i < warnings.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var rows = await join.MatchAsync([warnings[i]], Now, full: true);
            full[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            await join.MatchAsync([warnings[i]], Now, full: false);
            pointsOnly[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            if (Difference(matches[i], rows) is { } difference) firstDifference ??= $"{warnings[i].Identifier}: {difference}";
            else identical++;
        }

        var batches = new List<double>();
        var batchIdentical = true;
        var offset = 0;
        foreach (var batch in Batches(warnings))
        {
            var start = Stopwatch.GetTimestamp();
            var rows = await join.MatchAsync(batch, Now, full: true);
            batches.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            for (var w = 0; w < batch.Count; w++)
            {
                var own = rows.Where(r => r.Warning == w).ToList();
                if (Difference(matches[offset + w], own) is not null) batchIdentical = false;
            }
            offset += batch.Count;
        }
        if (!batchIdentical) firstDifference ??= "a batch result differs from the matcher's";

        var county = warnings.Select((w, i) => (w, i)).First(x => matches[x.i].HazardPoints.Count > 0 && x.w.Infos[0].Areas[0].Polygons.Count > 0).w;
        var plan = await join.ExplainAsync([county], Now);
        return new Postgis(join.ServerVersion, join.PostgisVersion, load, full, pointsOnly, batches, identical, warnings.Count, firstDifference, plan);
    }

    /// <summary>Null when the join rows say the same as the matcher: the same points and the same
    /// (person, role, points) candidates.</summary>
    private static string? Difference(MatchResult match, List<JoinRow> rows)
    {
        var points = rows.Where(r => r.PointId is not null).Select(r => r.PointId!).ToHashSet(StringComparer.Ordinal);
        if (!points.SetEquals(match.HazardPoints))
            return $"points: matcher {match.HazardPoints.Count}, PostGIS {points.Count}, " +
                   $"e.g. {string.Join(",", points.Except(match.HazardPoints).Concat(match.HazardPoints.Except(points)).Take(3))}";
        var theirs = rows.Where(r => r.PersonId is not null)
            .Select(r => $"{r.PersonId} {r.Role} {(r.PointId is not null ? r.PointId : string.Join(",", r.Points ?? []))}")
            .Order(StringComparer.Ordinal).ToList();
        var mine = match.Candidates.Select(c => $"{c.PersonId} {c.Role.ToName()} {string.Join(",", c.HazardPoints)}")
            .Order(StringComparer.Ordinal).ToList();
        if (mine.SequenceEqual(theirs, StringComparer.Ordinal)) return null;
        return $"candidates: matcher {mine.Count}, PostGIS {theirs.Count}, " +
               $"e.g. {string.Join(" | ", mine.Except(theirs).Concat(theirs.Except(mine)).Take(2))}";
    }

    private async Task<DispatchBenchmark.Row> DispatchAsync(string? postgres)
    {
        var clock = Stopwatch.StartNew();
        var rows = await new DispatchBenchmark(
            new DispatchBenchmark.Settings(20_000, [16], 200, 10, TimeSpan.FromMilliseconds(20), null, postgres), TextWriter.Null).RunAsync();
        Log($"dispatch benchmark on {(postgres is null ? "SQLite" : "PostgreSQL")} (concurrency 16) ran in {clock.Elapsed.TotalSeconds:0} s: " +
            $"{rows[0].SendsPerSecond:0} sends/s, {rows[0].Timings}");
        if (postgres is not null) Log("dispatch on " + await BenchDatabase.DescribeServerAsync(postgres));
        return rows[0];
    }

    private static IEnumerable<List<Warning>> Batches(IReadOnlyList<Warning> warnings) =>
        warnings.Chunk(BatchSize).Select(c => c.ToList());

    private void PrintTable(
        List<WarningShape> shapes, MatchResult[] matches, double[] ours, List<double> ourBatches, Postgis? postgis,
        IngestFigures ingest, Memory memory, (DispatchBenchmark.Row? Sqlite, DispatchBenchmark.Row? Postgres) dispatch, int atomBytes)
    {
        output.WriteLine();
        foreach (var note in _notes) output.WriteLine(note);
        if (postgis is not null)
        {
            output.WriteLine($"PostgreSQL: {postgis.Server}");
            output.WriteLine($"PostGIS {postgis.Extension}, Npgsql {typeof(Npgsql.NpgsqlConnection).Assembly.GetName().Version}; " +
                             $"results identical to the matcher's for {postgis.Identical}/{postgis.Compared} warnings" +
                             (postgis.FirstDifference is { } d ? $"; first difference: {d}" : ""));
        }
        output.WriteLine();
        output.WriteLine("| measure | AlertWorker | PostGIS | AlertWorker faster by | target (issue 5) | met |");
        output.WriteLine("|---|---:|---:|---:|---|---|");

        string Times(double ratio) => ratio.ToString(ratio < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + "x";

        foreach (var (shape, label) in new[]
                 {
                     (WarningShape.CountyPolygon, "county-size polygon"),
                     (WarningShape.Circle, "circle 5-30 km"),
                     (WarningShape.Geocode, "geocode only (county or 2-4 townships)"),
                 })
        {
            var index = Enumerable.Range(0, shapes.Count).Where(i => shapes[i] == shape).ToList();
            var pointCount = Median(index.Select(i => (double)matches[i].HazardPoints.Count).ToList());
            var candidates = Median(index.Select(i => (double)matches[i].Candidates.Count).ToList());
            var mine = index.Select(i => ours[i]).ToList();
            var (m50, m95) = (Median(mine), Percentile(mine, 0.95));
            var countySize = shape != WarningShape.Circle;
            var what = $"match {label}, {index.Count} warnings (median {pointCount:0} points, {candidates:0} candidates)";
            if (postgis is null)
            {
                output.WriteLine(Row(what + ", median", Ms(m50), "not run", "", countySize ? "< 5 ms" : "", countySize ? Yes(m50 < 5) : ""));
                output.WriteLine(Row(what + ", p95", Ms(m95), "not run", "", "", ""));
                continue;
            }
            var theirs = index.Select(i => postgis.Full[i]).ToList();
            var spatial = index.Select(i => postgis.PointsOnly[i]).ToList();
            var (p50, p95) = (Median(theirs), Percentile(theirs, 0.95));
            output.WriteLine(Row(what + ", median", Ms(m50), Ms(p50), Times(p50 / m50),
                countySize ? "< 5 ms; >= 10x" : ">= 10x", countySize ? Yes(m50 < 5 && p50 / m50 >= 10) : Yes(p50 / m50 >= 10)));
            output.WriteLine(Row(what + ", p95", Ms(m95), Ms(p95), Times(p95 / m95), "", ""));
            output.WriteLine(Row($"  PostGIS spatial part alone (points only, no people), {label}, median", Ms(m50), Ms(Median(spatial)),
                Times(Median(spatial) / m50), "", ""));
        }
        var ourBatch = Median(ourBatches);
        if (postgis is null)
            output.WriteLine(Row($"match a batch of {BatchSize} mixed warnings, median of {ourBatches.Count}", Ms(ourBatch), "not run", "", "", ""));
        else
        {
            var theirBatch = Median(postgis.Batches);
            output.WriteLine(Row($"match a batch of {BatchSize} mixed warnings (PostGIS: one set-based query), median of {ourBatches.Count}",
                Ms(ourBatch), Ms(theirBatch), Times(theirBatch / ourBatch), ">= 10x", Yes(theirBatch / ourBatch >= 10)));
        }

        output.WriteLine(IngestRow(ingest, atomBytes));

        var total = memory.Total / Mib;
        output.WriteLine(Row("directory in memory: DirectorySnapshot + Matcher (managed heap after full GC, difference; MiB = 2^20 bytes)",
            $"{total:0.0} MiB = {memory.Total / 1e6:0} MB (snapshot {memory.Snapshot / Mib:0.0} MiB, matcher {memory.Matcher / Mib:0.0} MiB)", "", "",
            "<= 300 MB", Yes(total <= 300)));

        string Dispatch(string measure, DispatchBenchmark.Row? row, string notRun) => row is null
            ? Row($"dispatch, {measure} (bench `-- dispatch`)", notRun, "", "", ">= 2,000/s, p99 < 500 ms", "")
            : Row($"dispatch, {measure}, concurrency 16, 20,000 SMS (bench `-- dispatch`)",
                $"{row.SendsPerSecond:N0} confirmed sends/s, latency p50 {row.P50:0} ms, p99 {row.P99:0} ms", "", "",
                ">= 2,000/s, p99 < 500 ms", Yes(row.SendsPerSecond >= 2000 && row.P99 < 500));
        output.WriteLine(Dispatch("SQLite as shipped", dispatch.Sqlite, "not run (--dispatch no)"));
        output.WriteLine(Dispatch("PostgreSQL (the server above, a database of its own)", dispatch.Postgres,
            settings.Dispatch ? "not run (no --pg)" : "not run (--dispatch no)"));

        if (postgis is not null)
        {
            output.WriteLine();
            output.WriteLine("PostGIS plan of the full join for one county-size polygon (EXPLAIN ANALYZE):");
            output.WriteLine(postgis.Plan);
        }
    }

    private static string Row(string measure, string mine, string theirs, string ratio, string target, string met) =>
        $"| {measure} | {mine} | {theirs} | {ratio} | {target} | {met} |";

    private static string Yes(bool met) => met ? "yes" : "**no**";

    private static string Ms(double ms) =>
        ms < 10 ? ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms" : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The ingest row of the table (Markdown).</summary>
    private string IngestRow(IngestFigures ingest, int atomBytes)
    {
        var megabytes = atomBytes / 1024.0 / 1024.0;
        var parseMbs = megabytes / (ingest.ParseMs / 1000);
        var bareMbs = megabytes / (ingest.BareMs / 1000);
        var valuesMbs = megabytes / (ingest.ValuesMs / 1000);
        return Row($"ingest a {ingest.Alerts:N0}-alert CAP Atom document ({megabytes:0.0} MB): DocumentParser.Parse vs a bare XmlReader pass, median of {settings.IngestRuns}",
            $"{parseMbs:0} MB/s, {ingest.Alerts / (ingest.ParseMs / 1000):N0} alerts/s ({Ms(ingest.ParseMs)})",
            $"XmlReader: {bareMbs:0} MB/s ({Ms(ingest.BareMs)}); taking every text value: {valuesMbs:0} MB/s ({Ms(ingest.ValuesMs)})",
            $"{parseMbs / bareMbs:P0} of the bare pass ({parseMbs / valuesMbs:P0} of the one taking values)", ">= 50% of the bare pass",
            Yes(parseMbs / bareMbs >= 0.5));
    }

    private void Log(string line)
    {
        _notes.Add(line);
        Console.Error.WriteLine(line);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                   ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
