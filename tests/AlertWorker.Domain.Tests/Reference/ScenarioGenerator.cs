using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Reference;

/// <summary>One random world: a directory, a policy, warnings in arrival order, and "now".</summary>
public sealed record Scenario(
    int Seed,
    DirectorySnapshot Directory,
    AlertPolicy Policy,
    IReadOnlyList<Warning> Warnings,
    DateTimeOffset Now);

/// <summary>
/// Generates random but valid scenarios from a seed (the same seed gives the same scenario): region
/// trees of depth 3–4, points scattered over a 1°×1° box near (104 E, 30 N), people with or without
/// phone and email, point and region assignments, duty shifts starting and ending around "now";
/// policies with random roles, channels and missing levels; warnings with convex and concave
/// polygons (some with holes, some with a corner exactly on a hazard point), circles (some of
/// radius 0 on a point), known and unknown geocodes, levels by severity, CMA codes or colour words,
/// every status and msgType, expired ones, duplicates, and Update/Cancel chains referencing earlier
/// or unknown keys. Only data: it asserts nothing, so that it can also be written out as files.
/// Everything it makes is expressible in the config files and feed formats (ScenarioWriter writes
/// them): names sometimes hold commas and quotes; shifts last at least an hour; every policy level
/// lists a role and a channel; references carry a sent time. A warning comes from
/// <see cref="FeedKind.Cap"/> (no polygon holes: CAP has none) or <see cref="FeedKind.NwsGeoJson"/>
/// (polygons with or without holes, but one info with one area, no circles, geocodes named SAME
/// or UGC in that order, no event codes, as an NWS feature carries them).
/// </summary>
public static class ScenarioGenerator
{
    private static readonly DateTimeOffset Base = new(2025, 7, 1, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Senders = ["cma@example.org", "nmc@example.org"];
    private static readonly Role[] PointRoles = [Role.PreventionLead, Role.Monitor, Role.TechnicalLead];
    private static readonly string[] Colours = ["blue", "yellow", "orange", "red"];
    private static readonly string[] ChineseColours = ["蓝色", "黄色", "橙色", "红色"];
    private static readonly string[] NameSuffixes = ["", "", "", ", upper slope", " \"old\" road", ", \"A\", east"];

    /// <summary>Fixes the first seed of a run (to rerun a failure); unset, each run starts at random.</summary>
    public const string SeedVariable = "ALERTWORKER_REFERENCE_SEED";

    /// <summary>The first seed of a run: <see cref="SeedVariable"/> when set, else a random one.</summary>
    public static int FirstSeed() =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } s
            ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
            : Random.Shared.Next();

    public static Scenario Generate(int seed)
    {
        var random = new Random(seed);
        var now = Base.AddMinutes(random.Next(0, 60 * 24 * 30));
        var directory = GenerateDirectory(random, now);
        var policy = GeneratePolicy(random);
        var warnings = GenerateWarnings(random, directory, now);
        return new Scenario(seed, directory, policy, warnings, now);
    }

    private static DirectorySnapshot GenerateDirectory(Random random, DateTimeOffset now)
    {
        var regions = new List<Region>();
        var depth = random.Next(3, 5);
        void Grow(string code, string? parent, int level)
        {
            regions.Add(new Region(code, "Region " + code + Pick(random, NameSuffixes), parent));
            if (level == depth) return;
            var children = random.Next(level == 1 ? 2 : 1, 4);
            for (var i = 1; i <= children; i++) Grow($"{code}{i:00}", code, level + 1);
        }
        for (var root = 1; root <= random.Next(1, 3); root++) Grow($"{root}", null, 1);

        var points = Enumerable.Range(1, random.Next(8, 40))
            .Select(i => new HazardPoint($"HP-{i:0000}", $"Point {i}{Pick(random, NameSuffixes)}", "landslide",
                Pick(random, regions).Code, Round(104 + random.NextDouble()), Round(30 + random.NextDouble()),
                random.Next(0, 200), "route" + Pick(random, NameSuffixes), "shelter"))
            .ToList();

        var people = Enumerable.Range(1, random.Next(4, 20)).Select(i =>
        {
            var phone = random.NextDouble() < 0.75;
            var email = !phone || random.NextDouble() < 0.5;
            return new Person($"P-{i:000}", $"Person {i}{Pick(random, NameSuffixes)}", phone ? $"+86138{i:00000000}" : null,
                email ? $"p{i}@example.org" : null, random.NextDouble() < 0.8 ? "zh-CN" : "en", Pick(random, regions).Code);
        }).ToList();

        var assignments = new List<Assignment>();
        foreach (var point in points)
        {
            for (var i = random.Next(0, 4); i > 0; i--)
                assignments.Add(new Assignment(Pick(random, people).Id, Pick(random, PointRoles), point.Id));
        }
        for (var i = random.Next(2, 9); i > 0; i--)
        {
            var role = random.NextDouble() < 0.5 ? Role.TownshipDuty : Role.CountyDuty;
            assignments.Add(new Assignment(Pick(random, people).Id, role, Pick(random, regions).Code));
        }

        var shifts = new List<Shift>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            // Starts and ends on the hour around now, sometimes exactly at now.
            var start = now.AddHours(random.Next(-4, 2));
            var end = start.AddHours(random.Next(1, 6));
            shifts.Add(new Shift(Pick(random, people).Id, random.NextDouble() < 0.6 ? Role.DutyOfficer : Role.DutyLeader, start, end));
        }

        return new DirectorySnapshot(regions, points, people, assignments.Distinct().ToList(), shifts);
    }

    private static AlertPolicy GeneratePolicy(Random random)
    {
        var levels = new Dictionary<Level, LevelPolicy>();
        foreach (var level in new[] { Level.Blue, Level.Yellow, Level.Orange, Level.Red })
        {
            if (random.NextDouble() < 0.2) continue;
            var roles = Enum.GetValues<Role>().Where(_ => random.NextDouble() < 0.6).ToHashSet();
            if (roles.Count == 0) roles.Add(Pick(random, Enum.GetValues<Role>()));
            var channels = Enum.GetValues<Channel>().Where(_ => random.NextDouble() < 0.5)
                .OrderBy(_ => random.Next()).ToList();
            if (channels.Count == 0) channels.Add(Pick(random, Enum.GetValues<Channel>()));
            levels[level] = new LevelPolicy(roles, channels, null, []);
        }
        return new AlertPolicy(levels);
    }

    private static List<Warning> GenerateWarnings(Random random, DirectorySnapshot directory, DateTimeOffset now)
    {
        var warnings = new List<Warning>();
        var count = random.Next(6, 20);
        for (var n = 1; n <= count; n++)
        {
            if (warnings.Count > 0 && random.NextDouble() < 0.08)
            {
                // The same key again, as a feed delivers it on every poll (sometimes changed).
                var again = Pick(random, warnings);
                warnings.Add(random.NextDouble() < 0.5 ? again : again with { Infos = GenerateInfos(random, directory, now, again.Source) });
                continue;
            }

            var msgType = Roll(random, (0.5, MsgType.Alert), (0.3, MsgType.Update), (0.16, MsgType.Cancel), (0.02, MsgType.Ack), (0.02, MsgType.Error));
            var references = msgType is MsgType.Update or MsgType.Cancel
                ? Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
                    warnings.Count > 0 && random.NextDouble() < 0.8
                        ? Reference(Pick(random, warnings))
                        : new WarningReference(Pick(random, Senders), $"unknown-{random.Next(1000)}", now.AddMinutes(-random.Next(1000)))).ToList()
                : [];
            var changed = msgType == MsgType.Update ? warnings.FirstOrDefault(w => w.Key == references[0].Key) : null;
            if (changed is not { Infos.Count: > 0 } || random.NextDouble() >= 0.6) changed = null;
            var source = changed?.Source ?? (random.NextDouble() < 0.25 ? FeedKind.NwsGeoJson : FeedKind.Cap);
            var infos = changed is not null
                ? Change(random, changed.Infos, directory, now, source)
                : GenerateInfos(random, directory, now, source);
            warnings.Add(new Warning
            {
                Sender = Pick(random, Senders),
                Identifier = $"W-{n:000}",
                Sent = now.AddMinutes(-count + n),
                Status = Roll(random, (0.7, WarningStatus.Actual), (0.12, WarningStatus.Exercise), (0.06, WarningStatus.Test),
                    (0.06, WarningStatus.Draft), (0.06, WarningStatus.System)),
                MsgType = msgType,
                References = references,
                Infos = infos,
                Source = source,
            });
        }
        return warnings;
    }

    /// <summary>The content of an earlier warning as an Update carries it: the same, or with only the
    /// expiry, only the level, or only the named regions changed (one more area in CAP, one more UGC
    /// code in the one area of an NWS feature).</summary>
    private static List<WarningInfo> Change(Random random, IReadOnlyList<WarningInfo> infos, DirectorySnapshot directory,
        DateTimeOffset now, FeedKind source)
    {
        var kind = random.Next(4);
        return infos.Select(info => kind switch
        {
            1 => info with { Expires = now.AddMinutes(random.Next(1, 900)) },
            2 => info with { Severity = Pick(random, Enum.GetValues<Severity>()), EventCodes = [], Parameters = [] },
            3 when source == FeedKind.NwsGeoJson => info with
            {
                Areas = [info.Areas[0] with { Geocodes = [.. info.Areas[0].Geocodes, new NamedValue("UGC", Pick(random, directory.Regions).Code)] }],
            },
            3 => info with
            {
                Areas = [.. info.Areas, new WarningArea { Geocodes = [new NamedValue("UGC", Pick(random, directory.Regions).Code)] }],
            },
            _ => info,
        }).ToList();
    }

    private static WarningReference Reference(Warning w) => new(w.Sender, w.Identifier, w.Sent);

    private static List<WarningInfo> GenerateInfos(Random random, DirectorySnapshot directory, DateTimeOffset now, FeedKind source)
    {
        var nws = source == FeedKind.NwsGeoJson;
        var count = nws ? 1 : Roll(random, (0.05, 0), (0.75, 1), (0.2, 2));
        return Enumerable.Range(0, count).Select(_ =>
        {
            var severity = Pick(random, Enum.GetValues<Severity>());
            var colour = random.Next(4);
            var (codes, parameters) = Roll(random,
                (0.55, (new List<NamedValue>(), new List<NamedValue>())),
                (nws ? 0 : 0.15, ([new NamedValue("CMA", $"{random.Next(1, 15):00}{colour + 1:00}")], [])),
                (nws ? 0 : 0.15, ([new NamedValue("signal", $"暴雨{ChineseColours[colour]}预警")], [])),
                (0.15, ([], [new NamedValue("awareness_level", $"{colour + 1}; {Colours[colour]}; Severe")])));
            var expires = Roll<DateTimeOffset?>(random, (0.3, null), (0.1, now.AddMinutes(-random.Next(1, 600))),
                (0.6, now.AddMinutes(random.Next(1, 600))));
            return new WarningInfo
            {
                Language = random.NextDouble() < 0.7 ? "zh-CN" : "en-US",
                Event = "暴雨",
                Severity = severity,
                Expires = expires,
                EventCodes = codes,
                Parameters = parameters,
                Areas = Enumerable.Range(0, nws ? 1 : random.Next(1, 3)).Select(_ => GenerateArea(random, directory, nws)).ToList(),
            };
        }).ToList();
    }

    private static WarningArea GenerateArea(Random random, DirectorySnapshot directory, bool nws) => new()
    {
        AreaDesc = "area",
        Polygons = Enumerable.Range(0, Roll(random, (0.4, 0), (0.45, 1), (0.15, 2)))
            .Select(_ => GeneratePolygon(random, directory, holes: nws)).ToList(),
        Circles = Enumerable.Range(0, nws ? 0 : Roll(random, (0.7, 0), (0.3, 1)))
            .Select(_ => GenerateCircle(random, directory)).ToList(),
        Geocodes = Enumerable.Range(0, Roll(random, (0.5, 0), (0.35, 1), (0.15, 2)))
            .Select(_ => random.NextDouble() < 0.8
                ? new NamedValue(random.NextDouble() < 0.5 ? (nws ? "SAME" : "行政区划代码") : "UGC", Pick(random, directory.Regions).Code)
                : new NamedValue("UGC", $"X{random.Next(100, 999)}"))
            .OrderBy(g => nws ? g.ValueName : "", StringComparer.Ordinal)
            .ToList(),
    };

    /// <summary>A star-shaped polygon around a random centre: n corners at evenly spaced angles with
    /// jitter (so the centre is inside and the ring simple), convex when the radii are equal, concave
    /// when they vary. Sometimes one more corner is exactly a hazard point; else sometimes a hole
    /// around the centre, small enough to stay inside the shell (only where <paramref name="holes"/>).</summary>
    private static GeoPolygon GeneratePolygon(Random random, DirectorySnapshot directory, bool holes)
    {
        var (cLon, cLat) = (104 + random.NextDouble(), 30 + random.NextDouble());
        var size = 0.05 + random.NextDouble() * 0.35;
        var n = random.Next(3, 9);
        var convex = random.NextDouble() < 0.3;
        var corners = Enumerable.Range(0, n)
            .Select(i => Polar(cLon, cLat, 2 * Math.PI * (i + 0.5 * random.NextDouble()) / n,
                convex ? size : size * (0.5 + random.NextDouble() * 0.5)))
            .ToList();
        if (directory.HazardPoints.Count > 0 && random.NextDouble() < 0.3)
        {
            var p = Pick(random, directory.HazardPoints);
            if (Math.Abs(p.Lon - cLon) + Math.Abs(p.Lat - cLat) > 1e-6) corners.Add((p.Lon, p.Lat));
            return new GeoPolygon(Ring(corners, cLon, cLat));
        }
        var shell = Ring(corners, cLon, cLat);
        if (!holes || n < 4 || random.NextDouble() > 0.5) return new GeoPolygon(shell);
        // Gaps are at most 135°, so the shell holds the disc of radius 0.5·size·cos(67.5°) > 0.19·size.
        var hole = Enumerable.Range(0, random.Next(3, 7))
            .Select(_ => Polar(cLon, cLat, random.NextDouble() * 2 * Math.PI, size * (0.05 + random.NextDouble() * 0.12)))
            .ToList();
        return new GeoPolygon(shell, [Ring(hole, cLon, cLat)]);
    }

    private static GeoCircle GenerateCircle(Random random, DirectorySnapshot directory)
    {
        var onPoint = directory.HazardPoints.Count > 0 && random.NextDouble() < 0.3;
        var centre = onPoint
            ? Pick(random, directory.HazardPoints) is var p ? new GeoPoint(p.Lat, p.Lon) : default
            : new GeoPoint(Round(30 + random.NextDouble()), Round(104 + random.NextDouble()));
        var radius = random.NextDouble() < 0.2 ? 0 : Math.Round(random.NextDouble() * 30, 1);
        return new GeoCircle(centre, radius);
    }

    private static (double Lon, double Lat) Polar(double cLon, double cLat, double angle, double radius) =>
        (Round(cLon + radius * Math.Cos(angle)), Round(cLat + radius * Math.Sin(angle)));

    private static List<GeoPoint> Ring(List<(double Lon, double Lat)> corners, double cLon, double cLat)
    {
        var ordered = corners.Distinct().OrderBy(c => Math.Atan2(c.Lat - cLat, c.Lon - cLon)).ToList();
        return ordered.Append(ordered[0]).Select(c => new GeoPoint(c.Lat, c.Lon)).ToList();
    }

    /// <summary>Coordinates with 5 decimals (about 1 m), as sources write them.</summary>
    private static double Round(double value) => Math.Round(value, 5);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static T Roll<T>(Random random, params (double Weight, T Value)[] choices)
    {
        var x = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (weight, value) in choices)
        {
            if (x < weight) return value;
            x -= weight;
        }
        return choices[^1].Value;
    }
}
