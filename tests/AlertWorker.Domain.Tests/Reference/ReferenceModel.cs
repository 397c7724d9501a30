using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Reference;

/// <summary>
/// SPEC §5–§6 written again from the text, as plainly as possible, to check the real pipeline
/// against: brute force over every point, assignment and shift, its own ray casting, haversine,
/// region walk, level rules (for the forms the generator writes), roles and lifecycle. It shares
/// no code with Matching/ or Lifecycle/ and uses no helper of the Domain records (no Warning.Level,
/// IsExpiredAt, PathToRoot, OnShift, Reachable, ToName): only their data and enums.
/// Its outcomes carry what SPEC §2.1 reports of a warning, plus the notices; each prints as one line.
/// </summary>
public sealed class ReferenceModel
{
    private readonly Scenario _scenario;
    private readonly HashSet<string> _seen = [];
    private readonly Dictionary<string, Chain> _chainOfKey = [];

    private sealed class Chain
    {
        public required string ChainKey;
        public bool Cancelled;
        public DateTimeOffset? Expires;
        public List<string> Points = [];
        public List<string> Regions = [];
        public Dictionary<string, Told> People = [];
    }

    private sealed record Told(Level Level, List<string> Roles, List<string> Channels, List<string> Points, bool Fallback, bool Released);

    public ReferenceModel(Scenario scenario) => _scenario = scenario;

    /// <summary>Every warning of the scenario in turn, one printed outcome each.</summary>
    public static List<string> Run(Scenario scenario) => Outcomes(scenario).Select(o => o.ToString()).ToList();

    /// <summary>Every warning of the scenario in turn, one outcome each.</summary>
    public static List<ReferenceOutcome> Outcomes(Scenario scenario)
    {
        var model = new ReferenceModel(scenario);
        return scenario.Warnings.Select(w => model.Next(w) with
        {
            MsgType = w.MsgType,
            Status = w.Status,
            Level = LevelOf(w),
            Severity = HighestSeverity(w),
        }).ToList();
    }

    private ReferenceOutcome Next(Warning w)
    {
        var key = w.Sender + "|" + w.Identifier;
        var seenBefore = _seen.Contains(key);
        _seen.Add(key);
        if (seenBefore) return Ignored(key, IgnoreReason.Duplicate);
        if (w.Status == WarningStatus.Draft) return Ignored(key, IgnoreReason.Draft);
        if (w.Status == WarningStatus.System) return Ignored(key, IgnoreReason.System);
        if (w.Status == WarningStatus.Test) return Ignored(key, IgnoreReason.Test);
        if (w.MsgType == MsgType.Ack || w.MsgType == MsgType.Error) return Ignored(key, IgnoreReason.System);

        var expired = w.Infos.Count > 0;
        foreach (var info in w.Infos)
        {
            if (info.Expires == null || info.Expires > _scenario.Now) expired = false;
        }
        if (expired) return Ignored(key, IgnoreReason.Expired);

        var chains = new List<Chain>();
        foreach (var reference in w.References)
        {
            if (_chainOfKey.TryGetValue(reference.Sender + "|" + reference.Identifier, out var c) && !chains.Contains(c))
                chains.Add(c);
        }
        Chain? live = null;
        foreach (var c in chains)
        {
            if (!c.Cancelled) { live = c; break; }
        }

        var exercise = w.Status == WarningStatus.Exercise;
        if (w.MsgType == MsgType.Cancel)
        {
            if (chains.Count == 0) return Ignored(key, IgnoreReason.UnknownReference);
            return Cancel(key, live ?? chains[0], exercise);
        }

        var level = LevelOf(w);
        var (points, regions, people) = Match(w, level, exercise);
        if (w.MsgType == MsgType.Update && live != null) return Update(key, w, live, level, points, regions, people, exercise);

        if (!_scenario.Policy.Levels.ContainsKey(level)) return Ignored(key, IgnoreReason.BelowPolicy);
        if (people.Count == 0) return Ignored(key, IgnoreReason.NoRecipients);

        var chain = new Chain { ChainKey = key, Expires = ExpiresOf(w), Points = points, Regions = regions };
        foreach (var p in people) chain.People[p.Id] = new Told(level, p.Roles, p.Channels, p.Points, p.Fallback, false);
        _chainOfKey[key] = chain;
        return Print(key, "notify", null, points, people, [], people.Select(p => $"{p.Id}:Warning:{level}"));
    }

    private ReferenceOutcome Update(string key, Warning w, Chain chain, Level level, List<string> points, List<string> regions,
        List<ReferenceRecipient> people, bool exercise)
    {
        var areaChanged = !points.SequenceEqual(chain.Points) || !regions.SequenceEqual(chain.Regions);
        var expiryChanged = ExpiresOf(w) != chain.Expires;
        var notices = new List<string>();
        foreach (var p in people)
        {
            if (!chain.People.TryGetValue(p.Id, out var before) || before.Released) notices.Add($"{p.Id}:Warning:{level}");
            else if (level > before.Level) notices.Add($"{p.Id}:LevelRaised:{level}");
            else if (level != before.Level || areaChanged || expiryChanged) notices.Add($"{p.Id}:UpdateNotice:{level}");
        }
        var released = new List<string>();
        foreach (var (id, told) in chain.People.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            if (told.Released || people.Any(p => p.Id == id)) continue;
            released.Add(id);
            notices.Add($"{id}:Released:{told.Level}");
            chain.People[id] = told with { Released = true };
        }
        foreach (var p in people) chain.People[p.Id] = new Told(level, p.Roles, p.Channels, p.Points, p.Fallback, false);
        chain.Expires = ExpiresOf(w);
        chain.Points = points;
        chain.Regions = regions;
        _chainOfKey[key] = chain;
        return Print(key, "update", null, points, people, released, notices);
    }

    private ReferenceOutcome Cancel(string key, Chain chain, bool exercise)
    {
        var people = new List<ReferenceRecipient>();
        var notices = new List<string>();
        foreach (var (id, told) in chain.People.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            if (told.Released) continue;
            people.Add(new ReferenceRecipient(id, told.Roles, told.Channels, told.Points, exercise, told.Fallback));
            notices.Add($"{id}:Released:{told.Level}");
            chain.People[id] = told with { Released = true };
        }
        chain.Cancelled = true;
        _chainOfKey[key] = chain;
        return Print(key, "cancel", null, chain.Points, people, people.Select(p => p.Id).ToList(), notices);
    }

    private static ReferenceOutcome Ignored(string key, IgnoreReason reason) =>
        Print(key, "ignored", reason, [], [], [], []);

    private static ReferenceOutcome Print(string key, string action, IgnoreReason? reason, List<string> points, List<ReferenceRecipient> people,
        List<string> released, IEnumerable<string> notices) =>
        new(key, action, reason, points, people, released, notices.Order(StringComparer.Ordinal).ToList());

    /// <summary>Affected points and regions (sorted), and the people the policy keeps, by person id.</summary>
    private (List<string> Points, List<string> Regions, List<ReferenceRecipient> People) Match(Warning w, Level level, bool exercise)
    {
        var d = _scenario.Directory;
        var named = new List<string>();
        foreach (var info in w.Infos)
        foreach (var area in info.Areas)
        foreach (var code in area.Geocodes)
        {
            var value = code.Value.Trim();
            if (d.Regions.Any(r => r.Code == value) && !named.Contains(value)) named.Add(value);
        }

        var points = new List<HazardPoint>();
        foreach (var point in d.HazardPoints)
        {
            var hit = named.Any(n => IsUnder(point.RegionCode, n));
            foreach (var info in w.Infos)
            foreach (var area in info.Areas)
            {
                hit |= area.Polygons.Any(poly => InPolygon(poly, point.Lon, point.Lat));
                hit |= area.Circles.Any(c => Haversine(c.Centre.Lat, c.Centre.Lon, point.Lat, point.Lon) <= c.RadiusKm);
            }
            if (hit) points.Add(point);
        }

        var regions = named.Concat(points.Select(p => p.RegionCode)).Distinct().Order(StringComparer.Ordinal).ToList();

        var candidates = new List<(string Person, Role Role, List<string> Points)>();
        foreach (var a in d.Assignments)
        {
            if (a.Role is Role.PreventionLead or Role.Monitor or Role.TechnicalLead)
            {
                if (points.Any(p => p.Id == a.Scope)) candidates.Add((a.PersonId, a.Role, [a.Scope]));
            }
            else if (a.Role is Role.TownshipDuty or Role.CountyDuty)
            {
                if (regions.Any(r => IsUnder(r, a.Scope) || IsUnder(a.Scope, r)))
                    candidates.Add((a.PersonId, a.Role, points.Where(p => IsUnder(p.RegionCode, a.Scope)).Select(p => p.Id).ToList()));
            }
        }
        if (regions.Count > 0)
        {
            foreach (var s in d.Shifts)
            {
                if ((s.Role is Role.DutyOfficer or Role.DutyLeader) && s.Start <= _scenario.Now && _scenario.Now < s.End)
                    candidates.Add((s.PersonId, s.Role, []));
            }
        }

        var people = new List<ReferenceRecipient>();
        if (_scenario.Policy.Levels.TryGetValue(level, out var lp))
        {
            foreach (var id in candidates.Select(c => c.Person).Distinct().Order(StringComparer.Ordinal))
            {
                var mine = candidates.Where(c => c.Person == id && lp.Roles.Contains(c.Role)).ToList();
                if (mine.Count == 0) continue;
                var person = d.People.First(p => p.Id == id);
                var has = new List<string>();
                if (!string.IsNullOrEmpty(person.Phone)) { has.Add("sms"); has.Add("voice"); }
                if (!string.IsNullOrEmpty(person.Email)) has.Add("email");
                var wanted = lp.Channels.Select(ChannelName).Where(has.Contains).ToList();
                var fallback = wanted.Count == 0;
                people.Add(new ReferenceRecipient(id,
                    mine.Select(c => RoleName(c.Role)).Distinct().Order(StringComparer.Ordinal).ToList(),
                    (fallback ? has : wanted).Distinct().Order(StringComparer.Ordinal).ToList(),
                    mine.SelectMany(c => c.Points).Distinct().Order(StringComparer.Ordinal).ToList(),
                    exercise, fallback));
            }
        }
        return (points.Select(p => p.Id).Order(StringComparer.Ordinal).ToList(), regions, people);
    }

    /// <summary>Is <paramref name="region"/> equal to or below <paramref name="ancestor"/>? Walks parents.</summary>
    private bool IsUnder(string region, string ancestor)
    {
        string? code = region;
        for (var steps = 0; code != null && steps < 100; steps++)
        {
            if (code == ancestor) return true;
            var r = _scenario.Directory.Regions.FirstOrDefault(x => x.Code == code);
            code = r == null || string.IsNullOrEmpty(r.ParentCode) ? null : r.ParentCode;
        }
        return false;
    }

    /// <summary>Inside (or on) the shell and not strictly inside a hole.</summary>
    private static bool InPolygon(GeoPolygon polygon, double x, double y)
    {
        var inShell = OnRing(polygon.Shell, x, y) || RayCast(polygon.Shell, x, y);
        if (!inShell) return false;
        return !polygon.Holes.Any(h => !OnRing(h, x, y) && RayCast(h, x, y));
    }

    private static bool RayCast(IReadOnlyList<GeoPoint> ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            double xi = ring[i].Lon, yi = ring[i].Lat, xj = ring[j].Lon, yj = ring[j].Lat;
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }

    private static bool OnRing(IReadOnlyList<GeoPoint> ring, double x, double y)
    {
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            double xi = ring[i].Lon, yi = ring[i].Lat, xj = ring[j].Lon, yj = ring[j].Lat;
            var cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
            if (cross == 0 && x >= Math.Min(xi, xj) && x <= Math.Max(xi, xj) && y >= Math.Min(yi, yj) && y <= Math.Max(yi, yj))
                return true;
        }
        return false;
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0088;
        var rad = Math.PI / 180;
        var a = Math.Pow(Math.Sin((lat2 - lat1) * rad / 2), 2)
            + Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Pow(Math.Sin((lon2 - lon1) * rad / 2), 2);
        return 2 * r * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }

    /// <summary>The highest info level (see <see cref="InfoLevel"/>).</summary>
    private static Level LevelOf(Warning w)
    {
        var best = Level.None;
        foreach (var info in w.Infos)
        {
            if (InfoLevel(info) > best) best = InfoLevel(info);
        }
        return best;
    }

    /// <summary>The severity of the highest-level info, the first on a tie; Unknown without info.</summary>
    private static Severity HighestSeverity(Warning w)
    {
        WarningInfo? best = null;
        foreach (var info in w.Infos)
        {
            if (best == null || InfoLevel(info) > InfoLevel(best)) best = info;
        }
        return best?.Severity ?? Severity.Unknown;
    }

    /// <summary>One info's level: a colour word in an event code or level parameter, then a CMA code,
    /// then severity (the forms <see cref="ScenarioGenerator"/> writes).</summary>
    private static Level InfoLevel(WarningInfo info)
    {
        var texts = info.EventCodes.Select(c => c.Value)
            .Concat(info.Parameters.Where(p => p.ValueName.Contains("level")).Select(p => p.Value)).ToList();
        var level = Level.None;
        foreach (var t in texts)
        {
            var words = t.Split(' ', ';');
            var l = t.Contains("红色") || words.Contains("red") ? Level.Red
                : t.Contains("橙色") || words.Contains("orange") ? Level.Orange
                : t.Contains("黄色") || words.Contains("yellow") ? Level.Yellow
                : t.Contains("蓝色") || words.Contains("blue") ? Level.Blue
                : Level.None;
            if (l > level) level = l;
        }
        if (level == Level.None)
        {
            foreach (var c in info.EventCodes)
            {
                if (level == Level.None && c.Value.Length == 4 && int.TryParse(c.Value[..2], out var type)
                    && type is >= 1 and <= 14 && int.TryParse(c.Value[2..], out var colour) && colour is >= 1 and <= 4)
                    level = (Level)colour;
            }
        }
        if (level == Level.None)
        {
            level = info.Severity switch
            {
                Severity.Extreme => Level.Red,
                Severity.Severe => Level.Orange,
                Severity.Moderate => Level.Yellow,
                Severity.Minor => Level.Blue,
                _ => Level.None,
            };
        }
        return level;
    }

    private static DateTimeOffset? ExpiresOf(Warning w)
    {
        if (w.Infos.Count == 0) return null;
        DateTimeOffset? latest = null;
        foreach (var info in w.Infos)
        {
            if (info.Expires == null) return null;
            if (latest == null || info.Expires > latest) latest = info.Expires;
        }
        return latest;
    }

    internal static string RoleName(Role role) => role switch
    {
        Role.PreventionLead => "prevention-lead",
        Role.Monitor => "monitor",
        Role.TechnicalLead => "technical-lead",
        Role.TownshipDuty => "township-duty",
        Role.CountyDuty => "county-duty",
        Role.DutyOfficer => "duty-officer",
        _ => "duty-leader",
    };

    internal static string ChannelName(Channel channel) => channel switch
    {
        Channel.Sms => "sms",
        Channel.Voice => "voice",
        _ => "email",
    };
}

/// <summary>One person as the reference tells them: role and channel names as SPEC §2.1 writes them, sorted.</summary>
public sealed record ReferenceRecipient(string Id, List<string> Roles, List<string> Channels, List<string> Points, bool Exercise, bool Fallback)
{
    public override string ToString() =>
        $"{Id}:{string.Join(",", Roles)}:{string.Join(",", Channels)}:{string.Join(",", Points)}:{Exercise}:{Fallback}";
}

/// <summary>What the reference decided for one warning. <see cref="ToString"/> prints the line the
/// in-memory comparison checks: the decision and the notices (level and severity are reported apart).</summary>
public sealed record ReferenceOutcome(
    string Key, string Action, IgnoreReason? Reason, List<string> Points, List<ReferenceRecipient> Recipients, List<string> Released,
    List<string> Notices)
{
    public MsgType MsgType { get; init; }
    public WarningStatus Status { get; init; }
    public Level Level { get; init; }
    public Severity Severity { get; init; }

    public override string ToString() =>
        $"{Key} {Action} {Reason} points[{string.Join(",", Points)}] recipients[{string.Join(";", Recipients)}] " +
        $"released[{string.Join(",", Released)}] notices[{string.Join(",", Notices)}]";
}
