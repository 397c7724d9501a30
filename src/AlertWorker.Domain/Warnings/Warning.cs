namespace AlertWorker.Domain.Warnings;

/// <summary>
/// One warning as AlertWorker understands it: a CAP &lt;alert&gt;, one NWS feature or one geohazard
/// risk feature, all read into the same shape. Immutable; built by the parsers.
/// </summary>
public sealed record Warning
{
    public required string Sender { get; init; }
    public required string Identifier { get; init; }
    public required DateTimeOffset Sent { get; init; }
    public required WarningStatus Status { get; init; }
    public required MsgType MsgType { get; init; }
    public string Scope { get; init; } = "Public";

    /// <summary>The warnings this one updates or cancels (CAP &lt;references&gt;), by key.</summary>
    public IReadOnlyList<WarningReference> References { get; init; } = [];

    public IReadOnlyList<WarningInfo> Infos { get; init; } = [];

    /// <summary>Where it came from: the feed kind (cap, cap-index, nws-geojson, geohazard-geojson).</summary>
    public required FeedKind Source { get; init; }

    /// <summary>Identity: <c>sender|identifier</c> (SPEC §6).</summary>
    public string Key => WarningKey.Of(Sender, Identifier);

    /// <summary>The highest level among the info blocks (SPEC §5).</summary>
    public Level Level => Infos.Count == 0 ? Level.None : Infos.Max(i => i.Level);

    /// <summary>The highest-level info; the first on a tie. Null when there is none.</summary>
    public WarningInfo? HighestInfo =>
        Infos.Count == 0 ? null : Infos.Aggregate((best, next) => next.Level > best.Level ? next : best);

    /// <summary>Expired when every info has an <c>expires</c> in the past; no info, or an info without
    /// expires, never expires (SPEC §5).</summary>
    public bool IsExpiredAt(DateTimeOffset now) =>
        Infos.Count > 0 && Infos.All(i => i.Expires is { } e && e <= now);

    /// <summary>The latest expiry of the info blocks, or null when some info never expires.</summary>
    public DateTimeOffset? Expires =>
        Infos.Count == 0 || Infos.Any(i => i.Expires is null) ? null : Infos.Max(i => i.Expires);

    /// <summary>The info in the language asked for (prefix match, case-insensitive), else the first.</summary>
    public WarningInfo? InfoFor(string language) =>
        Infos.FirstOrDefault(i => LanguageMatches(i.Language, language)) ?? Infos.FirstOrDefault();

    private static bool LanguageMatches(string infoLanguage, string wanted)
    {
        if (string.Equals(infoLanguage, wanted, StringComparison.OrdinalIgnoreCase)) return true;
        var a = infoLanguage.Split('-')[0];
        var b = wanted.Split('-')[0];
        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}

public static class WarningKey
{
    public static string Of(string sender, string identifier) => $"{sender}|{identifier}";
}

/// <summary>A CAP reference <c>sender,identifier,sent</c>.</summary>
public sealed record WarningReference(string Sender, string Identifier, DateTimeOffset? Sent)
{
    public string Key => WarningKey.Of(Sender, Identifier);
}

public sealed record WarningInfo
{
    /// <summary>RFC 3066 language; CAP's default is <c>en-US</c>.</summary>
    public string Language { get; init; } = "en-US";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required string Event { get; init; }
    public string Urgency { get; init; } = "Unknown";
    public Severity Severity { get; init; } = Severity.Unknown;
    public string Certainty { get; init; } = "Unknown";
    public DateTimeOffset? Effective { get; init; }
    public DateTimeOffset? Onset { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public string? SenderName { get; init; }
    public string? Headline { get; init; }
    public string? Description { get; init; }
    public string? Instruction { get; init; }
    public IReadOnlyList<NamedValue> EventCodes { get; init; } = [];
    public IReadOnlyList<NamedValue> Parameters { get; init; } = [];
    /// <summary>Geohazard risk level 1..4 (1 = red, highest), only for geohazard forecasts.</summary>
    public int? RiskLevel { get; init; }
    public IReadOnlyList<WarningArea> Areas { get; init; } = [];

    /// <summary>This info's level by the rules of SPEC §5, first found.</summary>
    public Level Level => LevelRules.Of(this);
}

/// <summary>A CAP valueName/value pair (eventCode, parameter, geocode).</summary>
public sealed record NamedValue(string ValueName, string Value);

public sealed record WarningArea
{
    public string AreaDesc { get; init; } = "";
    public IReadOnlyList<GeoPolygon> Polygons { get; init; } = [];
    public IReadOnlyList<GeoCircle> Circles { get; init; } = [];
    public IReadOnlyList<NamedValue> Geocodes { get; init; } = [];
}

/// <summary>WGS 84 coordinates in degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>A closed ring (first point equals last) and optional holes (GeoJSON only).</summary>
public sealed record GeoPolygon(IReadOnlyList<GeoPoint> Shell, IReadOnlyList<IReadOnlyList<GeoPoint>> Holes)
{
    public GeoPolygon(IReadOnlyList<GeoPoint> shell) : this(shell, []) { }
}

/// <summary>A CAP circle: centre and radius in kilometres on the ground.</summary>
public sealed record GeoCircle(GeoPoint Centre, double RadiusKm);

public enum FeedKind { Cap, CapIndex, NwsGeoJson, GeohazardGeoJson }

public enum WarningStatus { Actual, Exercise, System, Test, Draft }

/// <summary>CAP msgType. Ack and Error are legal CAP; the lifecycle ignores them.</summary>
public enum MsgType { Alert, Update, Cancel, Ack, Error }

public enum Severity { Extreme, Severe, Moderate, Minor, Unknown }

/// <summary>Warning level, ordered: a higher value is more severe.</summary>
public enum Level { None = 0, Blue = 1, Yellow = 2, Orange = 3, Red = 4 }
