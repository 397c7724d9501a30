using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Tests.Storage;

/// <summary>Hand-built warnings, chains and outcomes for the store tests.</summary>
internal static class SampleWarnings
{
    public static readonly DateTimeOffset Sent = new(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(8));

    public static Warning Warning(string identifier, MsgType msgType = MsgType.Alert, params WarningReference[] references) => new()
    {
        Sender = "cma@example.cn",
        Identifier = identifier,
        Sent = Sent,
        Status = WarningStatus.Actual,
        MsgType = msgType,
        Source = FeedKind.Cap,
        References = references,
        Infos =
        [
            new WarningInfo
            {
                Language = "zh-CN",
                Categories = ["Met"],
                Event = "暴雨",
                Urgency = "Immediate",
                Severity = Severity.Severe,
                Certainty = "Likely",
                Expires = Sent.AddHours(12),
                Headline = "暴雨橙色预警",
                EventCodes = [new NamedValue("SAME", "RAIN")],
                Areas =
                [
                    new WarningArea
                    {
                        AreaDesc = "某县",
                        Polygons = [new GeoPolygon([new(30, 110), new(30, 111), new(31, 111), new(30, 110)])],
                        Circles = [new GeoCircle(new GeoPoint(30.5, 110.5), 10)],
                        Geocodes = [new NamedValue("regionCode", "420000")],
                    },
                ],
            },
        ],
    };

    public static PlannedNotice Notice(string personId, NoticeKind kind = NoticeKind.Warning) =>
        new(personId, kind, Level.Orange, [Channel.Sms, Channel.Voice], [Role.Monitor], ["HP-0001"], Exercise: false, Fallback: false);

    public static WarningOutcome Notify(Warning warning, params PlannedNotice[] notices) => new()
    {
        Warning = warning,
        Action = WarningAction.Notify,
        ChainKey = warning.Key,
        HazardPoints = ["HP-0001"],
        Notices = notices,
    };

    public static WarningOutcome Ignored(Warning warning, IgnoreReason reason) => new()
    {
        Warning = warning,
        Action = WarningAction.Ignored,
        Reason = reason,
        ChainKey = warning.Key,
    };

    public static WarningChain Chain(WarningOutcome outcome, params string[] keys) => new()
    {
        ChainKey = outcome.ChainKey,
        Keys = keys.Length == 0 ? [outcome.Warning.Key] : keys,
        Latest = outcome.Warning,
        Notified = outcome.Notices.Select(n => new NotifiedPerson(n.PersonId, n.Level, n.HazardPoints, Released: false)).ToList(),
    };
}
