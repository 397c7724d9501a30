using System.Globalization;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Warnings;
using AlertWorker.Warnings;

namespace AlertWorker.Web.Duty;

/// <summary>One problem of a posted form, one line, in both languages; <see cref="Field"/> is the form field.</summary>
public sealed record FieldError(string Field, string Zh, string En);

/// <summary>
/// The phone/fax warning and drill form as posted (strings as typed, kept to show the form again) and
/// its check: every bad field gives one line, and only a form without any becomes a
/// <see cref="WarningEntry"/>. Times are typed as local times of the configured zone (datetime-local).
/// </summary>
public sealed record WarningEntryForm
{
    public const int EventMaxLength = 50;
    public const int HeadlineMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int OriginMaxLength = 200;
    public const string LocalTimeFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>How far a typed send time may run ahead of the clock (the form shows minutes only).</summary>
    private static readonly TimeSpan SentLeeway = TimeSpan.FromMinutes(1);

    public string Identifier { get; init; } = "";
    public string Level { get; init; } = "";
    public string Event { get; init; } = "";
    public string Headline { get; init; } = "";
    public string Description { get; init; } = "";
    public string Instruction { get; init; } = "";
    public IReadOnlyList<string> Regions { get; init; } = [];
    public string Sent { get; init; } = "";
    public string Expires { get; init; } = "";
    public string Origin { get; init; } = "";

    /// <summary>A fresh form: a new identifier, sent now, expiring in 24 hours.</summary>
    public static WarningEntryForm New(DateTimeOffset now, TimeZoneInfo zone) => new()
    {
        Identifier = ManualWarnings.NewIdentifier(now, zone),
        Sent = Local(now, zone),
        Expires = Local(now.AddHours(24), zone),
    };

    public static WarningEntryForm Read(IFormCollection form) => new()
    {
        Identifier = form["identifier"].ToString().Trim(),
        Level = form["level"].ToString().Trim(),
        Event = form["event"].ToString().Trim(),
        Headline = form["headline"].ToString().Trim(),
        Description = form["description"].ToString().Trim(),
        Instruction = form["instruction"].ToString().Trim(),
        Regions = form["regions"].Select(r => (r ?? "").Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
        Sent = form["sent"].ToString().Trim(),
        Expires = form["expires"].ToString().Trim(),
        Origin = form["origin"].ToString().Trim(),
    };

    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(LocalTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The entry, or every problem of the form (one per field, nothing else decided).</summary>
    public (WarningEntry? Entry, IReadOnlyList<FieldError> Errors) Check(bool exercise, DirectorySnapshot directory, DateTimeOffset now, TimeZoneInfo zone)
    {
        var errors = new List<FieldError>();
        void Error(string field, string zh, string en) => errors.Add(new FieldError(field, zh, en));

        if (!ManualWarnings.IsIdentifier(Identifier))
            Error("identifier", "表单已失效，请重新打开录入页面。", "The form is no longer valid: open the entry page again.");

        Level? level = Level switch
        {
            "red" => Domain.Warnings.Level.Red,
            "orange" => Domain.Warnings.Level.Orange,
            "yellow" => Domain.Warnings.Level.Yellow,
            "blue" => Domain.Warnings.Level.Blue,
            _ => null,
        };
        if (level is null) Error("level", "请选择预警级别（红、橙、黄、蓝）。", "Choose a level: red, orange, yellow or blue.");

        if (Event.Length == 0) Error("event", "请填写预警类型，例如“暴雨”。", "Enter the event, e.g. 暴雨 (rainstorm).");
        else if (Event.Length > EventMaxLength || Event.Any(char.IsControl))
            Error("event", $"预警类型应为一行，不超过 {EventMaxLength} 个字。", $"The event must be one line of at most {EventMaxLength} characters.");

        if (Headline.Length > HeadlineMaxLength || Headline.Any(char.IsControl))
            Error("headline", $"标题应为一行，不超过 {HeadlineMaxLength} 个字。", $"The headline must be one line of at most {HeadlineMaxLength} characters.");
        if (Description.Length > TextMaxLength)
            Error("description", $"预警内容不超过 {TextMaxLength} 个字。", $"The description may hold at most {TextMaxLength} characters.");
        if (Instruction.Length > TextMaxLength)
            Error("instruction", $"防御指引不超过 {TextMaxLength} 个字。", $"The instruction may hold at most {TextMaxLength} characters.");

        var unknown = Regions.Where(code => !directory.RegionsByCode.ContainsKey(code)).ToList();
        if (Regions.Count == 0) Error("regions", "请至少选择一个预警区域。", "Choose at least one affected region.");
        else if (unknown.Count > 0)
            Error("regions", $"区域代码 {string.Join("、", unknown)} 不在当前名录中。", $"Region code(s) {string.Join(", ", unknown)} are not in the directory.");

        var sent = ParseLocal(Sent, zone);
        if (sent is null) Error("sent", "发布时间无效，格式如 2026-07-10T09:05。", "The sent time is not a time like 2026-07-10T09:05.");
        else if (sent > now + SentLeeway) Error("sent", "发布时间不能晚于现在。", "The sent time may not be in the future.");

        var expires = ParseLocal(Expires, zone);
        if (expires is null) Error("expires", "有效期无效，格式如 2026-07-11T09:05。", "The expiry is not a time like 2026-07-11T09:05.");
        else if (expires <= now) Error("expires", "有效期已过，请填写将来的时间。", "The expiry has passed: enter a time in the future.");
        else if (sent is not null && expires <= sent) Error("expires", "有效期必须晚于发布时间。", "The expiry must come after the sent time.");

        if (Origin.Length == 0)
            Error("origin", "请填写预警来源，例如“县气象台 电话 张三”。", "Enter who it came from, e.g. 县气象台 电话 张三 (county met office, phone, name).");
        else if (Origin.Length > OriginMaxLength || Origin.Any(char.IsControl))
            Error("origin", $"来源应为一行，不超过 {OriginMaxLength} 个字。", $"The origin must be one line of at most {OriginMaxLength} characters.");

        if (errors.Count > 0) return (null, errors);
        return (new WarningEntry
        {
            Identifier = Identifier,
            Exercise = exercise,
            Level = level!.Value,
            Event = Event,
            Headline = Headline.Length > 0 ? Headline : DefaultHeadline(Event, level.Value),
            Description = Description.Length > 0 ? Description : null,
            Instruction = Instruction.Length > 0 ? Instruction : null,
            Regions = Regions.Select(code => directory.RegionsByCode[code]).ToList(),
            Sent = sent!.Value,
            Expires = expires!.Value,
            Origin = Origin,
        }, []);
    }

    /// <summary>"暴雨橙色预警" when no headline was typed.</summary>
    public static string DefaultHeadline(string @event, Level level) => $"{@event}{MessageComposer.LevelName(level, english: false)}预警";

    /// <summary>A datetime-local value (<c>2026-07-10T09:05</c>, seconds allowed) in the configured zone;
    /// null when it is not one, or names a time the zone skips.</summary>
    public static DateTimeOffset? ParseLocal(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(text, [LocalTimeFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        if (zone.IsInvalidTime(local)) return null;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
