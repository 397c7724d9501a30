using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Tests.Reference;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Tests.Reference;

/// <summary>One document file the writer made: its kind and the scenario warnings it carries, in order.</summary>
public sealed record WrittenDocument(string Path, FeedKind Kind, IReadOnlyList<Warning> Warnings);

/// <summary>A broken document or part the writer slipped in: <c>replay</c> must reject it in
/// <paramref name="Input"/> with an error that names <paramref name="Part"/> and holds <paramref name="Reason"/>.</summary>
public sealed record ExpectedRejection(string Input, string Part, string Reason);

/// <summary>A scenario on disk: the config folder, the documents in the order to replay them, and
/// the rejections that replaying them must report, in that order.</summary>
public sealed record WrittenScenario(string ConfigDirectory, IReadOnlyList<WrittenDocument> Documents, IReadOnlyList<ExpectedRejection> Rejections);

/// <summary>
/// Writes a <see cref="Scenario"/> as the worker reads it from outside: <c>config/directory/*.csv</c>
/// (fields quoted where they hold a comma or quote), <c>policy.yaml</c>, an empty <c>feeds.yaml</c>,
/// and the warnings in order as documents: CAP 1.2 alerts (alone, or several as embedded alerts
/// of one Atom index), NWS GeoJSON FeatureCollections for <see cref="FeedKind.NwsGeoJson"/>
/// warnings. Coordinates are written round-trip exact. With <c>broken</c>, a few rejectable
/// documents or parts are slipped in between (an unclosed polygon, a missing &lt;scope&gt;, an
/// unclosed GeoJSON ring, XML that is not well-formed), each with the rejection it must cause.
/// The same scenario gives the same files.
/// </summary>
public static class ScenarioWriter
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const string BrokenSender = "broken@example.org";

    private enum Breakage { UnclosedPolygon, MissingScope, UnclosedRing, NotWellFormed }

    /// <summary>A part of a document: a scenario warning, or a broken one.</summary>
    private sealed record Part(Warning Warning, Breakage? Breakage);

    private sealed record Plan(FeedKind Kind, List<Part> Parts);

    public static WrittenScenario Write(Scenario scenario, string folder, bool broken)
    {
        var random = new Random(unchecked(scenario.Seed * 7919 + 17));
        var config = Path.Combine(folder, "config");
        WriteDirectory(scenario.Directory, Path.Combine(config, "directory"));
        File.WriteAllText(Path.Combine(config, "policy.yaml"), PolicyYaml(scenario.Policy));
        File.WriteAllText(Path.Combine(config, "feeds.yaml"), "# replay reads no feed\nfeeds: []\n");

        var plans = Group(scenario.Warnings, random);
        if (broken) SlipInBroken(plans, random, scenario.Now);

        var documentsFolder = Path.Combine(folder, "documents");
        System.IO.Directory.CreateDirectory(documentsFolder);
        var documents = new List<WrittenDocument>();
        var rejections = new List<ExpectedRejection>();
        foreach (var plan in plans)
        {
            var extension = plan.Kind == FeedKind.NwsGeoJson ? "json" : "xml";
            var path = Path.Combine(documentsFolder, $"{documents.Count + 1:000}-{plan.Kind}.{extension}");
            File.WriteAllBytes(path, Render(plan, scenario.Now));
            documents.Add(new WrittenDocument(path, plan.Kind, plan.Parts.Where(p => p.Breakage is null).Select(p => p.Warning).ToList()));
            rejections.AddRange(plan.Parts.Where(p => p.Breakage is not null).Select(p => Expected(path, p)));
        }
        return new WrittenScenario(config, documents, rejections);
    }

    /// <summary>Runs of warnings of one format: most CAP alerts alone, some runs of 2–4 in one Atom
    /// index; NWS features alone or several in one collection.</summary>
    private static List<Plan> Group(IReadOnlyList<Warning> warnings, Random random)
    {
        var plans = new List<Plan>();
        for (var i = 0; i < warnings.Count;)
        {
            var source = warnings[i].Source;
            var size = random.NextDouble() < 0.3 ? random.Next(2, 5) : 1;
            var run = warnings.Skip(i).Take(size).TakeWhile(w => w.Source == source).Select(w => new Part(w, null)).ToList();
            i += run.Count;
            var kind = source == FeedKind.NwsGeoJson ? FeedKind.NwsGeoJson
                : run.Count > 1 || random.NextDouble() < 0.1 ? FeedKind.CapIndex
                : FeedKind.Cap;
            plans.Add(new Plan(kind, run));
        }
        return plans;
    }

    /// <summary>One to three broken parts, each inside a document of its format when one is at hand,
    /// else as a document of its own.</summary>
    private static void SlipInBroken(List<Plan> plans, Random random, DateTimeOffset now)
    {
        var count = random.Next(1, 4);
        for (var n = 1; n <= count; n++)
        {
            var breakage = (Breakage)random.Next(4);
            var part = new Part(BrokenWarning(n, breakage, now), breakage);
            var at = random.Next(plans.Count + 1);
            var host = at < plans.Count ? plans[at] : null;
            var fits = breakage switch
            {
                Breakage.UnclosedRing => host?.Kind == FeedKind.NwsGeoJson,
                Breakage.NotWellFormed => false,
                _ => host?.Kind == FeedKind.CapIndex,
            };
            if (fits)
            {
                host!.Parts.Insert(random.Next(host.Parts.Count + 1), part);
                continue;
            }
            var kind = breakage == Breakage.UnclosedRing ? FeedKind.NwsGeoJson : FeedKind.Cap;
            plans.Insert(at, new Plan(kind, [part]));
        }
    }

    private static Warning BrokenWarning(int n, Breakage breakage, DateTimeOffset now)
    {
        List<GeoPoint> ring = [new(30.1, 104.1), new(30.1, 104.2), new(30.2, 104.2), new(30.2, 104.1)];
        if (breakage != Breakage.UnclosedPolygon && breakage != Breakage.UnclosedRing) ring.Add(ring[0]);
        return new Warning
        {
            Sender = BrokenSender,
            Identifier = $"BROKEN-{n}",
            Sent = now,
            Status = WarningStatus.Actual,
            MsgType = MsgType.Alert,
            Infos = [new WarningInfo { Event = "暴雨", Severity = Severity.Extreme, Areas = [new WarningArea { Polygons = [new GeoPolygon(ring)] }] }],
            Source = breakage == Breakage.UnclosedRing ? FeedKind.NwsGeoJson : FeedKind.Cap,
        };
    }

    private static ExpectedRejection Expected(string path, Part part) => part.Breakage switch
    {
        Breakage.UnclosedPolygon => new(path, part.Warning.Key, "polygon not closed"),
        Breakage.MissingScope => new(path, part.Warning.Key, "missing <scope>"),
        Breakage.UnclosedRing => new(path, $"feature {part.Warning.Identifier}", "polygon not closed"),
        _ => new(path, "", "not well-formed XML"),
    };

    private static byte[] Render(Plan plan, DateTimeOffset now)
    {
        if (plan.Parts is [{ Breakage: Breakage.NotWellFormed }])
        {
            var whole = Xml(new XDocument(Alert(plan.Parts[0].Warning, withScope: true)));
            return whole[..(whole.Length * 2 / 3)];
        }
        return plan.Kind switch
        {
            FeedKind.NwsGeoJson => Encoding.UTF8.GetBytes(NwsCollection(plan.Parts).ToJsonString()),
            FeedKind.CapIndex => Xml(new XDocument(AtomFeed(plan.Parts, now))),
            _ => Xml(new XDocument(Alert(plan.Parts[0].Warning, withScope: plan.Parts[0].Breakage != Breakage.MissingScope))),
        };
    }

    private static byte[] Xml(XDocument document)
    {
        document.Declaration = new XDeclaration("1.0", "UTF-8", null);
        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }

    private static XElement AtomFeed(List<Part> parts, DateTimeOffset now) =>
        new(Atom + "feed",
            new XElement(Atom + "id", "urn:alertworker:reference:index"),
            new XElement(Atom + "title", "reference index"),
            new XElement(Atom + "updated", Time(now)),
            parts.Select((part, i) => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:alertworker:reference:entry:{i + 1}"),
                new XElement(Atom + "title", part.Warning.Identifier),
                new XElement(Atom + "updated", Time(part.Warning.Sent)),
                new XElement(Atom + "content", new XAttribute("type", "application/cap+xml"),
                    Alert(part.Warning, withScope: part.Breakage != Breakage.MissingScope)))));

    /// <summary>A CAP 1.2 alert with its elements in the order of the CAP schema.</summary>
    private static XElement Alert(Warning w, bool withScope)
    {
        if (w.Infos.SelectMany(i => i.Areas).SelectMany(a => a.Polygons).Any(p => p.Holes.Count > 0))
            throw new ArgumentException($"warning {w.Key} has a polygon hole, which CAP cannot express");
        return new XElement(Cap + "alert",
            new XElement(Cap + "identifier", w.Identifier),
            new XElement(Cap + "sender", w.Sender),
            new XElement(Cap + "sent", Time(w.Sent)),
            new XElement(Cap + "status", w.Status),
            new XElement(Cap + "msgType", w.MsgType),
            withScope ? new XElement(Cap + "scope", w.Scope) : null,
            w.References.Count > 0
                ? new XElement(Cap + "references", string.Join(" ", w.References.Select(r => $"{r.Sender},{r.Identifier},{Time(Sent(r))}")))
                : null,
            w.Infos.Select(info => new XElement(Cap + "info",
                new XElement(Cap + "language", info.Language),
                new XElement(Cap + "category", "Met"),
                new XElement(Cap + "event", info.Event),
                new XElement(Cap + "urgency", "Immediate"),
                new XElement(Cap + "severity", info.Severity),
                new XElement(Cap + "certainty", "Likely"),
                info.EventCodes.Select(c => CapValue("eventCode", c)),
                info.Expires is { } expires ? new XElement(Cap + "expires", Time(expires)) : null,
                info.Parameters.Select(p => CapValue("parameter", p)),
                info.Areas.Select(area => new XElement(Cap + "area",
                    new XElement(Cap + "areaDesc", area.AreaDesc),
                    area.Polygons.Select(p => new XElement(Cap + "polygon", string.Join(" ", p.Shell.Select(x => $"{Number(x.Lat)},{Number(x.Lon)}")))),
                    area.Circles.Select(c => new XElement(Cap + "circle", $"{Number(c.Centre.Lat)},{Number(c.Centre.Lon)} {Number(c.RadiusKm)}")),
                    area.Geocodes.Select(g => CapValue("geocode", g)))))));
    }

    private static XElement CapValue(string name, NamedValue value) =>
        new(Cap + name, new XElement(Cap + "valueName", value.ValueName), new XElement(Cap + "value", value.Value));

    private static JsonObject NwsCollection(List<Part> parts) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(parts.Select(p => (JsonNode)NwsFeature(p.Warning)).ToArray()),
    };

    /// <summary>An NWS feature: one info with one area, polygons in the geometry, SAME/UGC geocodes.</summary>
    private static JsonObject NwsFeature(Warning w)
    {
        if (w.Infos is not [{ Areas: [var area] } info] || area.Circles.Count > 0 || info.EventCodes.Count > 0
            || area.Geocodes.Any(g => g.ValueName is not ("SAME" or "UGC")))
            throw new ArgumentException($"warning {w.Key} is not one info with one area without circles, event codes or other geocodes, as NWS carries it");
        return new JsonObject
        {
            ["id"] = "https://api.weather.gov/alerts/" + w.Identifier,
            ["type"] = "Feature",
            ["geometry"] = area.Polygons.Count switch
            {
                0 => null,
                1 => new JsonObject { ["type"] = "Polygon", ["coordinates"] = Rings(area.Polygons[0]) },
                _ => new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray(area.Polygons.Select(p => (JsonNode)Rings(p)).ToArray()) },
            },
            ["properties"] = new JsonObject
            {
                ["id"] = w.Identifier,
                ["areaDesc"] = area.AreaDesc,
                ["geocode"] = new JsonObject
                {
                    ["SAME"] = Strings(area.Geocodes.Where(g => g.ValueName == "SAME").Select(g => g.Value)),
                    ["UGC"] = Strings(area.Geocodes.Where(g => g.ValueName == "UGC").Select(g => g.Value)),
                },
                ["references"] = new JsonArray(w.References.Select(r => (JsonNode)new JsonObject
                {
                    ["identifier"] = r.Identifier,
                    ["sender"] = r.Sender,
                    ["sent"] = Time(Sent(r)),
                }).ToArray()),
                ["sent"] = Time(w.Sent),
                ["expires"] = info.Expires is { } expires ? Time(expires) : null,
                ["status"] = w.Status.ToString(),
                ["messageType"] = w.MsgType.ToString(),
                ["category"] = "Met",
                ["severity"] = info.Severity.ToString(),
                ["certainty"] = "Likely",
                ["urgency"] = "Immediate",
                ["event"] = info.Event,
                ["sender"] = w.Sender,
                ["language"] = info.Language,
                ["parameters"] = new JsonObject(info.Parameters.GroupBy(p => p.ValueName)
                    .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)Strings(g.Select(p => p.Value))))),
            },
        };
    }

    private static JsonArray Rings(GeoPolygon polygon) =>
        new(new[] { polygon.Shell }.Concat(polygon.Holes)
            .Select(ring => (JsonNode)new JsonArray(ring.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat)).ToArray()))
            .ToArray());

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static DateTimeOffset Sent(WarningReference r) =>
        r.Sent ?? throw new ArgumentException($"reference to {r.Key} has no sent time, which CAP needs");

    private static void WriteDirectory(DirectorySnapshot d, string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        WriteCsv(folder, "regions.csv", ["code", "name", "parentCode"],
            d.Regions.Select(r => new[] { r.Code, r.Name, r.ParentCode ?? "" }));
        WriteCsv(folder, "hazard-points.csv", ["id", "name", "type", "regionCode", "lon", "lat", "threatenedPeople", "evacuationRoute", "shelter"],
            d.HazardPoints.Select(p => new[]
            {
                p.Id, p.Name, p.Type, p.RegionCode, Number(p.Lon), Number(p.Lat),
                p.ThreatenedPeople.ToString(CultureInfo.InvariantCulture), p.EvacuationRoute, p.Shelter,
            }));
        WriteCsv(folder, "people.csv", ["id", "name", "phone", "email", "language", "regionCode"],
            d.People.Select(p => new[] { p.Id, p.Name, p.Phone ?? "", p.Email ?? "", p.Language, p.RegionCode ?? "" }));
        WriteCsv(folder, "assignments.csv", ["personId", "role", "scope"],
            d.Assignments.Select(a => new[] { a.PersonId, ReferenceModel.RoleName(a.Role), a.Scope }));
        WriteCsv(folder, "duty-roster.csv", ["personId", "role", "start", "end"],
            d.Shifts.Select(s => new[] { s.PersonId, ReferenceModel.RoleName(s.Role), Time(s.Start), Time(s.End) }));
    }

    private static void WriteCsv(string folder, string name, string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder("# written by ScenarioWriter\n");
        foreach (var row in rows.Prepend(header)) text.Append(string.Join(",", row.Select(CsvField))).Append('\n');
        File.WriteAllText(Path.Combine(folder, name), text.ToString());
    }

    /// <summary>Quoted (with quotes doubled) when the field holds a comma, quote or line break.</summary>
    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static string PolicyYaml(AlertPolicy policy)
    {
        var text = new StringBuilder(policy.Levels.Count == 0 ? "levels: {}\n" : "levels:\n");
        foreach (var (level, p) in policy.Levels.OrderByDescending(l => l.Key))
        {
            text.Append($"  {level.ToString().ToLowerInvariant()}:\n");
            text.Append($"    roles: [{string.Join(", ", p.Roles.Select(ReferenceModel.RoleName))}]\n");
            text.Append($"    channels: [{string.Join(", ", p.Channels.Select(ReferenceModel.ChannelName))}]\n");
        }
        return text.ToString();
    }

    /// <summary>CAP dateTime with offset, as the feeds write it.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back as the same double.</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
