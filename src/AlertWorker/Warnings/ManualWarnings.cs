using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Warnings;

/// <summary>A warning a duty officer took down from a phone call or fax, or a drill they start: the
/// form's fields, checked (see <c>Web/Duty/WarningEntryForm</c>).</summary>
public sealed record WarningEntry
{
    /// <summary>The CAP identifier, fixed when the form was opened, so that posting the same form twice
    /// is a duplicate and enters nothing the second time.</summary>
    public required string Identifier { get; init; }
    public required bool Exercise { get; init; }
    public required Level Level { get; init; }
    public required string Event { get; init; }
    public required string Headline { get; init; }
    public string? Description { get; init; }
    public string? Instruction { get; init; }
    public required IReadOnlyList<Region> Regions { get; init; }
    public required DateTimeOffset Sent { get; init; }
    public required DateTimeOffset Expires { get; init; }
    /// <summary>Who it came from, free text ("县气象台 电话 张三").</summary>
    public required string Origin { get; init; }
}

/// <summary>
/// The warnings a duty officer makes by hand, as CAP content: a warning received by phone or fax, a
/// drill (status Exercise), the Cancel of either, and a test message to one person. The sender is
/// <c>manual:&lt;user&gt;</c>; who entered it and where it came from travel as CAP parameters
/// (<see cref="EnteredByParameter"/>, <see cref="OriginParameter"/>), so they are kept with the stored
/// warning and show on the board and in the 叫应 record. Warnings, drills and cancels are written out as
/// CAP 1.2 (<see cref="CapWriter"/>) and go through the intake like a feed's document, under the feed id
/// <see cref="FeedId"/>; a test message is no warning and is stored directly (<see cref="TestFeedId"/>).
/// </summary>
public static partial class ManualWarnings
{
    public const string SenderPrefix = "manual:";
    /// <summary>The feed id warnings entered by hand are stored under (a ':' no feeds.yaml id may hold).</summary>
    public const string FeedId = "duty:entry";
    public const string TestFeedId = "duty:test";
    public const string EnteredByParameter = "AlertWorker:enteredBy";
    public const string OriginParameter = "AlertWorker:origin";
    /// <summary>The level parameter the sample county's own documents carry (SPEC §5: a 级别 parameter names the colour).</summary>
    public const string LevelParameter = "预警级别";
    public const string GeocodeName = "行政区划代码";
    private const string IdentifierPrefix = "AW-";
    private const int IdentifierRandomLength = 6;

    /// <summary>How long a test message may wait to be sent before it is dropped as stale.</summary>
    public static readonly TimeSpan TestMessageLifetime = TimeSpan.FromHours(1);

    /// <summary><c>manual:&lt;user&gt;</c>; characters CAP forbids in a sender (spaces, commas) and the key's
    /// <c>|</c> become <c>_</c>.</summary>
    public static string SenderOf(string userName) =>
        SenderPrefix + string.Concat(userName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' ? c : '_'));

    public static bool IsManual(Warning warning) => warning.Sender.StartsWith(SenderPrefix, StringComparison.Ordinal);

    /// <summary>The user who entered the warning, or null for a feed's warning.</summary>
    public static string? EnteredBy(Warning warning) => Parameter(warning, EnteredByParameter);

    public static string? Origin(Warning warning) => Parameter(warning, OriginParameter);

    /// <summary>A new identifier: <c>AW-&lt;local time yyyyMMddHHmmss&gt;-&lt;6 random characters&gt;</c>.</summary>
    public static string NewIdentifier(DateTimeOffset now, TimeZoneInfo zone) =>
        IdentifierPrefix
        + TimeZoneInfo.ConvertTime(now, zone).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
        + "-" + RandomNumberGenerator.GetString(ShortCode.Alphabet, IdentifierRandomLength);

    public static bool IsIdentifier(string? text) => text is not null && IdentifierShape().IsMatch(text);

    /// <summary>The CAP content of a warning or drill entered by hand: one zh-CN info at the entered level
    /// (severity and the 预警级别 parameter from it), one area naming the chosen regions by their codes.</summary>
    public static Warning Entered(WarningEntry entry, string userName, TimeZoneInfo zone) => new()
    {
        Sender = SenderOf(userName),
        Identifier = entry.Identifier,
        Sent = InZone(entry.Sent, zone),
        Status = entry.Exercise ? WarningStatus.Exercise : WarningStatus.Actual,
        MsgType = MsgType.Alert,
        Source = FeedKind.Cap,
        Infos =
        [
            new WarningInfo
            {
                Language = "zh-CN",
                Categories = [IsGeohazard(entry.Event) ? "Geo" : "Met"],
                Event = entry.Event,
                Urgency = "Immediate",
                Severity = SeverityOf(entry.Level),
                Certainty = "Likely",
                Expires = InZone(entry.Expires, zone),
                SenderName = entry.Origin,
                Headline = entry.Headline,
                Description = entry.Description,
                Instruction = entry.Instruction,
                Parameters = Parameters(userName, entry.Origin, entry.Level),
                Areas =
                [
                    new WarningArea
                    {
                        AreaDesc = string.Join("、", entry.Regions.Select(r => r.Name)),
                        Geocodes = entry.Regions.Select(r => new NamedValue(GeocodeName, r.Code)).ToList(),
                    },
                ],
            },
        ],
    };

    /// <summary>The Cancel of a warning entered by hand (SPEC §6): same status (a drill's cancel is a
    /// drill), referencing the chain's latest warning, with its event, level and area and no expiry.</summary>
    public static Warning CancelOf(Warning latest, string userName, string identifier, DateTimeOffset now, TimeZoneInfo zone)
    {
        var info = latest.HighestInfo;
        return new Warning
        {
            Sender = SenderOf(userName),
            Identifier = identifier,
            Sent = InZone(now, zone),
            Status = latest.Status,
            MsgType = MsgType.Cancel,
            Source = FeedKind.Cap,
            References = [new WarningReference(latest.Sender, latest.Identifier, latest.Sent)],
            Infos =
            [
                new WarningInfo
                {
                    Language = "zh-CN",
                    Categories = info?.Categories is { Count: > 0 } categories ? categories : ["Met"],
                    Event = info?.Event ?? "预警",
                    Urgency = "Past",
                    Severity = info?.Severity ?? Severity.Unknown,
                    Certainty = "Observed",
                    SenderName = info?.SenderName,
                    Headline = "解除：" + (info?.Headline ?? info?.Event ?? latest.Identifier),
                    Parameters = Parameters(userName, Origin(latest), latest.Level),
                    Areas = info?.Areas ?? [],
                },
            ],
        };
    }

    /// <summary>The synthetic warning a test message hangs on (status Test, no level), in zh-CN and en:
    /// its headline says who sent it, when, and which channel it checks.</summary>
    public static Warning TestMessage(string identifier, string userName, string displayName, Channel channel, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var (zh, en) = channel switch
        {
            Channel.Sms => ("短信", "SMS"),
            Channel.Voice => ("语音电话", "voice call"),
            _ => ("邮件", "email"),
        };
        WarningInfo Info(string language, string @event, string headline) => new()
        {
            Language = language,
            Categories = ["Other"],
            Event = @event,
            Urgency = "Unknown",
            Severity = Severity.Unknown,
            Certainty = "Unknown",
            Expires = InZone(now + TestMessageLifetime, zone),
            SenderName = displayName,
            Headline = headline,
            Parameters = [new NamedValue(EnteredByParameter, userName)],
        };
        return new Warning
        {
            Sender = SenderOf(userName),
            Identifier = identifier,
            Sent = InZone(now, zone),
            Status = WarningStatus.Test,
            MsgType = MsgType.Alert,
            Source = FeedKind.Cap,
            Infos =
            [
                Info("zh-CN", "测试消息", $"由{displayName}于{local}发送，检验{zh}能否送达"),
                Info("en", "Test message", $"sent by {displayName} at {local} to check that the {en} channel reaches you"),
            ],
        };
    }

    public static Severity SeverityOf(Level level) => level switch
    {
        Level.Red => Severity.Extreme,
        Level.Orange => Severity.Severe,
        Level.Yellow => Severity.Moderate,
        Level.Blue => Severity.Minor,
        _ => Severity.Unknown,
    };

    private static IReadOnlyList<NamedValue> Parameters(string userName, string? origin, Level level)
    {
        var list = new List<NamedValue>();
        if (MessageComposer.LevelName(level, english: false) is { Length: > 0 } word) list.Add(new NamedValue(LevelParameter, word));
        list.Add(new NamedValue(EnteredByParameter, userName));
        if (!string.IsNullOrEmpty(origin)) list.Add(new NamedValue(OriginParameter, origin));
        return list;
    }

    /// <summary>CAP category Geo for a geological hazard (地质灾害, 滑坡, 泥石流, 崩塌), else Met.</summary>
    private static bool IsGeohazard(string @event) =>
        new[] { "地质", "滑坡", "泥石流", "崩塌" }.Any(word => @event.Contains(word, StringComparison.Ordinal));

    /// <summary>To the second, with the configured zone's offset, as CAP writes times.</summary>
    private static DateTimeOffset InZone(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new DateTimeOffset(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, local.Offset);
    }

    private static string? Parameter(Warning warning, string name) =>
        warning.Infos.SelectMany(i => i.Parameters).FirstOrDefault(p => p.ValueName == name)?.Value;

    [GeneratedRegex(@"^AW-\d{14}-[2-9A-HJKMNP-Z]{6}$")]
    private static partial Regex IdentifierShape();
}
