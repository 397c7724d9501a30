using System.Text;
using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Web.Board;
using Microsoft.Extensions.Options;
using static AlertWorker.Web.WebPage;

namespace AlertWorker.Web.Admin;

/// <summary>
/// <c>GET /admin</c> (admins only): the policy in force per level (who is told, over what, how soon an
/// answer is due and how a silence escalates) and the size of the directory. Editing comes later.
/// </summary>
public static class AdminEndpoints
{
    public const string Path = "/admin";

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, LiveConfig live, TimeProvider time, IOptions<AlertWorkerOptions> options) =>
        {
            var t = new BoardText(BoardText.WantsEnglish(context), options.Value.Zone, time.GetUtcNow());
            return Results.Content(Page(live, t), "text/html; charset=utf-8");
        }).RequireAuthorization(WebPolicies.Admin);
        return app;
    }

    private static string Page(LiveConfig live, BoardText t)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T("管理：预警叫应策略", "Admin: alert policy"))}</h1>")
            .Append($"<p><a href=\"/\">{Encode(t.T("返回值班看板", "Back to the duty board"))}</a></p>");
        if (live.Current is not { } applied)
            return Shell(t, html.Append($"<p class=\"error\">{Encode(t.T("没有有效的配置。", "No valid configuration is loaded."))}</p>").ToString());

        var directory = applied.Config.Directory;
        html.Append($"<p>{Encode(t.T(
                $"名录版本 {applied.DirectoryVersion}（{t.FullTime(applied.AppliedAt)} 生效）：{directory.People.Count} 人、{directory.HazardPoints.Count} 处隐患点、{directory.Assignments.Count} 条职责、{directory.Shifts.Count} 个班次。",
                $"Directory version {applied.DirectoryVersion} (in force since {t.FullTime(applied.AppliedAt)}): {directory.People.Count} people, {directory.HazardPoints.Count} hazard points, {directory.Assignments.Count} assignments, {directory.Shifts.Count} shifts."))}</p>")
            .Append($"<table><thead><tr><th>{Encode(t.T("级别", "Level"))}</th><th>{Encode(t.T("通知角色", "Roles told"))}</th>")
            .Append($"<th>{Encode(t.T("渠道", "Channels"))}</th><th>{Encode(t.T("须在此时间内确认", "Answer within"))}</th>")
            .Append($"<th>{Encode(t.T("升级步骤（自首次发出起）", "Escalation (from the first send)"))}</th></tr></thead><tbody>");
        foreach (var level in new[] { Level.Red, Level.Orange, Level.Yellow, Level.Blue })
        {
            html.Append($"<tr data-level=\"{level.ToString().ToLowerInvariant()}\"><th>{Encode(t.Level(level))}</th>");
            if (applied.Config.Policy.For(level) is not { } policy)
            {
                html.Append($"<td colspan=\"4\">{Encode(t.T("不通知任何人", "nobody is told"))}</td></tr>");
                continue;
            }
            html.Append($"<td>{Encode(string.Join(t.T("、", ", "), policy.Roles.Order().Select(t.Role)))}</td>")
                .Append($"<td>{Encode(string.Join(t.T("、", ", "), policy.Channels.Select(t.Channel)))}</td>")
                .Append($"<td>{Encode(policy.AckWithin is { } within ? t.Duration(within) : t.T("无需确认", "no answer needed"))}</td><td>");
            if (policy.Escalation.Count == 0) html.Append("—");
            else
            {
                html.Append("<ol>");
                foreach (var step in policy.Escalation)
                {
                    var action = step.Action == EscalationAction.Repeat
                        ? t.StepAction("repeat")
                        : t.StepAction("notify " + string.Join(",", step.Notify.Select(r => r.ToName())));
                    html.Append($"<li>{Encode(t.Duration(step.After))}：{Encode(action)}</li>");
                }
                html.Append("</ol>");
            }
            html.Append("</td></tr>");
        }
        return Shell(t, html.Append("</tbody></table>").ToString());
    }

    private static string Shell(BoardText t, string body) =>
        "<!DOCTYPE html>"
        + $"<html lang=\"{(t.English ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
        + $"<title>{Encode(t.T("管理", "Admin"))} - AlertWorker</title><style>{Style}</style></head><body>{body}</body></html>";

    private const string Style =
        "body{font:14px/1.5 'Noto Sans CJK SC','Microsoft YaHei',system-ui,sans-serif;margin:1.5rem 2rem;color:#1d2733}"
        + "table{border-collapse:collapse;background:#fff}th,td{border:1px solid #dde2e8;padding:.4rem .7rem;text-align:left;vertical-align:top}"
        + "thead th{background:#f5f7f9}ol{margin:0;padding-left:1.2rem}.error{color:#b00020}";
}
