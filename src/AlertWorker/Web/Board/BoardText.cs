using System.Globalization;
using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Web.Board;

/// <summary>The board's words in zh-CN (the default) or English, and its times in the configured zone.</summary>
public sealed class BoardText(bool english, TimeZoneInfo zone, DateTimeOffset now)
{
    public const string LanguageCookie = "AlertWorker.Language";

    public bool English { get; } = english;

    public string Lang => English ? "en" : "zh";

    public string T(string zh, string en) => English ? en : zh;

    /// <summary><c>?lang=en|zh</c> wins and is remembered in a cookie; else the cookie; else Chinese.</summary>
    public static bool WantsEnglish(HttpContext context)
    {
        var asked = context.Request.Query["lang"].ToString();
        if (asked is "en" or "zh")
        {
            context.Response.Cookies.Append(LanguageCookie, asked, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
            return asked == "en";
        }
        return context.Request.Cookies[LanguageCookie] == "en";
    }

    public DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone);

    /// <summary>HH:mm today, MM-dd HH:mm on another day, in the configured zone.</summary>
    public string Time(DateTimeOffset t)
    {
        var local = Local(t);
        return local.Date == Local(now).Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public string Time(DateTimeOffset? t) => t is { } v ? Time(v) : "—";

    public string FullTime(DateTimeOffset t) => Local(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string ZoneLabel
    {
        get
        {
            var offset = zone.GetUtcOffset(now);
            return $"{zone.Id} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm})";
        }
    }

    /// <summary>"12 分钟", "1 小时 5 分钟" / "12 min", "1 h 5 min"; whole minutes, never negative.</summary>
    public string Duration(TimeSpan span)
    {
        var minutes = Math.Max(0, (int)Math.Floor(span.TotalMinutes));
        if (minutes < 60) return T($"{minutes} 分钟", $"{minutes} min");
        var hours = minutes / 60;
        var rest = minutes % 60;
        if (hours < 48) return rest == 0 ? T($"{hours} 小时", $"{hours} h") : T($"{hours} 小时 {rest} 分钟", $"{hours} h {rest} min");
        return T($"{hours / 24} 天 {hours % 24} 小时", $"{hours / 24} d {hours % 24} h");
    }

    public string Level(Level level) => level switch
    {
        Domain.Warnings.Level.Red => T("红色", "Red"),
        Domain.Warnings.Level.Orange => T("橙色", "Orange"),
        Domain.Warnings.Level.Yellow => T("黄色", "Yellow"),
        Domain.Warnings.Level.Blue => T("蓝色", "Blue"),
        _ => T("无级别", "No level"),
    };

    public string Role(Role role) => role switch
    {
        Domain.Directory.Role.PreventionLead => T("防灾责任人", "Prevention lead"),
        Domain.Directory.Role.Monitor => T("监测人", "Monitor"),
        Domain.Directory.Role.TechnicalLead => T("技术负责人", "Technical lead"),
        Domain.Directory.Role.TownshipDuty => T("乡镇值班", "Township duty"),
        Domain.Directory.Role.CountyDuty => T("县值班", "County duty"),
        Domain.Directory.Role.DutyOfficer => T("值班员", "Duty officer"),
        Domain.Directory.Role.DutyLeader => T("带班领导", "Duty leader"),
        _ => role.ToName(),
    };

    public string Channel(Channel channel) => channel switch
    {
        Domain.Policy.Channel.Sms => T("短信", "SMS"),
        Domain.Policy.Channel.Voice => T("语音", "Voice"),
        Domain.Policy.Channel.Email => T("邮件", "Email"),
        _ => channel.ToName(),
    };

    public string AnswerMethod(AnswerMethod? method) => method switch
    {
        Acknowledgement.AnswerMethod.Sms => T("短信回复", "SMS reply"),
        Acknowledgement.AnswerMethod.Voice => T("语音按键", "key press"),
        Acknowledgement.AnswerMethod.Email => T("邮件确认", "email link"),
        Acknowledgement.AnswerMethod.OnBehalf => T("值班员代确认", "confirmed on behalf"),
        _ => T("已确认", "answered"),
    };

    public string Closed(ClosedReason? reason) => reason switch
    {
        ClosedReason.Cancelled => T("预警已解除，不再叫应", "warning cancelled"),
        ClosedReason.Expired => T("预警已过期", "warning expired"),
        ClosedReason.Superseded => T("级别提升，已重新叫应", "level raised: new cycle"),
        ClosedReason.Released => T("已不在预警范围（解除）", "released: no longer concerned"),
        ClosedReason.Resolved => T("当事人已确认", "the silent person answered"),
        _ => T("已关闭", "closed"),
    };

    /// <summary>What an escalation step did, from its stored action ("repeat", "notify township-duty").</summary>
    public string StepAction(string action)
    {
        if (action == "repeat") return T("再次呼叫本人", "called and texted again");
        const string notify = "notify ";
        if (!action.StartsWith(notify, StringComparison.Ordinal)) return action;
        var roles = action[notify.Length..].Split(',')
            .Select(name => Roles.TryParse(name, out var role) ? Role(role) : name);
        return T("通知", "notified ") + string.Join(T("、", ", "), roles);
    }
}
