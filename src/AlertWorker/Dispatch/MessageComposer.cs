using System.Globalization;
using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>
/// Turns a claimed delivery into the message its person reads (SPEC §8): the template of their
/// language, channel and notice kind filled from the warning's info in their language, times in the
/// configured zone, Exercise marked 【演练】/[EXERCISE] and a test message 【测试】/[TEST], SMS within
/// the segment limit with the short code kept, email with its subject line and answer link.
/// </summary>
public sealed class MessageComposer(
    MessageTemplates templates,
    IOptions<AlertWorkerOptions> settings,
    IOptions<DispatchOptions> dispatch,
    TimeProvider time,
    IAnswerLinkIssuer links)
{
    public OutgoingMessage Compose(ClaimedDelivery delivery, Person person, string address, DirectorySnapshot directory)
    {
        var language = templates.LanguageFor(person.Language);
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var template = templates.Get(language, delivery.Channel, delivery.Kind);
        var answerUrl = delivery.Channel == Channel.Email && delivery.AnswerExpected
            ? links.LinkFor(delivery.NotificationId, time.GetUtcNow() + dispatch.Value.AnswerLinkLifetime)
            : null;
        var text = MessageTemplates.Fill(template, Values(delivery, person, directory, english, answerUrl));
        var marker = Marker(delivery, english);

        string subject;
        string body;
        switch (delivery.Channel)
        {
            case Channel.Email:
                var lines = text.Split('\n', 2);
                subject = marker + lines[0].Trim();
                body = marker + (lines.Length > 1 ? lines[1].TrimStart('\n') : "");
                break;
            case Channel.Sms:
                var cut = text.LastIndexOf('\n');
                var hint = cut < 0 ? text : text[(cut + 1)..];
                var main = cut < 0 ? "" : text[..cut];
                body = SmsText.Fit(marker + main, hint, dispatch.Value.SmsMaxSegments);
                subject = Title(delivery, english, marker);
                break;
            default:
                body = marker + text;
                subject = Title(delivery, english, marker);
                break;
        }

        return new OutgoingMessage
        {
            DeliveryId = delivery.Id,
            NotificationId = delivery.NotificationId,
            PersonId = person.Id,
            Channel = delivery.Channel,
            To = address,
            Language = english ? "en" : "zh-CN",
            Subject = subject,
            Text = body,
            ShortCode = delivery.ShortCode,
            AnswerUrl = answerUrl,
            Exercise = delivery.Exercise,
        };
    }

    private Dictionary<string, string> Values(ClaimedDelivery d, Person person, DirectorySnapshot directory, bool english, string? answerUrl)
    {
        var info = d.Warning.InfoFor(english ? "en" : "zh-CN");
        var separator = english ? ", " : "、";
        var none = english ? "none" : "无";
        var silent = d.Silent is { } s ? directory.PeopleById.GetValueOrDefault(s.PersonId) : null;
        var points = d.HazardPoints.Select(id => directory.PointsById.TryGetValue(id, out var p) ? p.Name : id).ToList();
        var areas = info?.Areas.Select(a => a.AreaDesc).Where(a => a.Length > 0).Distinct().ToList() ?? [];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = person.Name,
            ["level"] = LevelName(d.Level, english),
            ["event"] = info?.Event ?? "",
            ["headline"] = info?.Headline ?? info?.Event ?? "",
            ["points"] = points.Count == 0 ? none : string.Join(separator, points),
            ["areaDesc"] = areas.Count == 0 ? none : string.Join(separator, areas),
            ["expires"] = d.Warning.Expires is { } e ? Shown(e) : english ? "until further notice" : "另行通知",
            ["instruction"] = info?.Instruction ?? "",
            ["code"] = d.ShortCode,
            ["silentName"] = silent?.Name ?? d.Silent?.PersonId ?? "",
            ["silentPhone"] = silent?.Phone ?? silent?.Email ?? "",
            ["since"] = d.Silent?.Since is { } since ? Shown(since) : "",
            ["answerUrl"] = answerUrl ?? "",
        };
    }

    /// <summary>What every message of a drill or a test starts with, whatever its template says.</summary>
    private static string Marker(ClaimedDelivery delivery, bool english) => (delivery.Kind, delivery.Exercise, english) switch
    {
        (NoticeKind.Test, _, false) => "【测试】",
        (NoticeKind.Test, _, true) => "[TEST] ",
        (_, true, false) => "【演练】",
        (_, true, true) => "[EXERCISE] ",
        _ => "",
    };

    /// <summary>A time as people read it: in the configured zone, to the minute.</summary>
    public string Shown(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, settings.Value.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Title(ClaimedDelivery d, bool english, string marker) =>
        marker + (d.Warning.InfoFor(english ? "en" : "zh-CN")?.Headline ?? LevelName(d.Level, english));

    public static string LevelName(Level level, bool english) => (level, english) switch
    {
        (Level.Red, false) => "红色",
        (Level.Orange, false) => "橙色",
        (Level.Yellow, false) => "黄色",
        (Level.Blue, false) => "蓝色",
        (Level.Red, true) => "Red",
        (Level.Orange, true) => "Orange",
        (Level.Yellow, true) => "Yellow",
        (Level.Blue, true) => "Blue",
        _ => "",
    };
}
