using System.Globalization;
using System.Text;
using AlertWorker.Configuration;
using AlertWorker.Directory;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Web.Board;
using static AlertWorker.Web.WebPage;

namespace AlertWorker.Web.Admin;

/// <summary>The admin pages' HTML (server-rendered, no script): zh-CN with English, times in the configured zone.</summary>
internal static class AdminPages
{
    public const int ListPageSize = 200;
    public const int AuditPageSize = 200;

    /// <summary>A row being edited: its key in force (null for a new row), the values as typed, the
    /// version they were read from, and the problems of the last try.</summary>
    public sealed record RowForm(DirectoryTable Table, string? Key, IReadOnlyList<string> Values, long BaseVersion, IReadOnlyList<ConfigProblem> Problems);

    public static string Overview(LiveConfig live, BoardText t)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T("管理", "Admin"))}</h1>");
        AppendProblems(html, live, t);
        if (live.Current is not { } applied)
            return Shell(t, "", html.Append(NoDirectoryText(t)).ToString());

        var directory = applied.Config.Directory;
        html.Append($"<p>{Encode(t.T(
                $"名录版本 {applied.DirectoryVersion}（{t.FullTime(applied.AppliedAt)} 生效）",
                $"Directory version {applied.DirectoryVersion} (in force since {t.FullTime(applied.AppliedAt)})"))}</p>")
            .Append($"<table><thead><tr><th>{Encode(t.T("表", "Table"))}</th><th>{Encode(t.T("行数", "Rows"))}</th><th></th></tr></thead><tbody>");
        foreach (var table in DirectoryTables.All)
        {
            html.Append($"<tr><td><a href=\"{AdminEndpoints.TablePath(table)}\">{Encode(t.T(table.Zh, table.En))}</a> <code>{Encode(table.FileName)}</code></td>")
                .Append($"<td>{DirectoryTables.Rows(table, directory).Count}</td>")
                .Append($"<td><a href=\"{AdminEndpoints.TablePath(table)}/export\">{Encode(t.T("导出 CSV", "Export CSV"))}</a></td></tr>");
        }
        html.Append("</tbody></table>");
        html.Append($"<h2>{Encode(t.T("预警叫应策略（policy.yaml）", "Alert policy (policy.yaml)"))}</h2>");
        AppendPolicy(html, applied.Config.Policy, t);
        return Shell(t, "", html.ToString());
    }

    public static string List(LiveConfig live, DirectoryTable table, string query, int page, long? saved, BoardText t)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T(table.Zh, table.En))} <code>{Encode(table.FileName)}</code></h1>");
        if (saved is { } version)
            html.Append($"<p class=\"ok\" role=\"status\">{Encode(t.T($"已保存：名录版本 {version} 已生效。", $"Saved: directory version {version} is in force."))}</p>");
        AppendProblems(html, live, t);
        if (live.Current is not { } applied)
            return Shell(t, table.Name, html.Append(NoDirectoryText(t)).ToString());

        var rows = DirectoryTables.Rows(table, applied.Config.Directory);
        var terms = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = rows.Where(r => terms.All(term => r.Any(v => v.Contains(term, StringComparison.OrdinalIgnoreCase)))).ToList();
        var pages = Math.Max(1, (found.Count + ListPageSize - 1) / ListPageSize);
        page = Math.Min(page, pages);

        html.Append($"<form method=\"get\" class=\"search\"><input type=\"search\" name=\"q\" value=\"{Encode(query)}\" placeholder=\"{Encode(t.T("搜索（任一列）", "Search (any column)"))}\">")
            .Append($"<button>{Encode(t.T("搜索", "Search"))}</button></form>")
            .Append($"<p>{Encode(t.T($"共 {found.Count} 行（全表 {rows.Count} 行）", $"{found.Count} rows (of {rows.Count})"))}")
            .Append($" · <a href=\"{AdminEndpoints.TablePath(table)}/edit\">{Encode(t.T("新增一行", "Add a row"))}</a>")
            .Append($" · <a href=\"{AdminEndpoints.TablePath(table)}/export\">{Encode(t.T("导出 CSV", "Export CSV"))}</a>")
            .Append($" · <a href=\"{AdminEndpoints.ImportPath}?table={table.Name}\">{Encode(t.T("导入 CSV", "Import CSV"))}</a></p>");
        html.Append("<table class=\"rows\"><thead><tr>");
        foreach (var column in table.Columns) html.Append($"<th>{Encode(column)}</th>");
        html.Append("<th></th></tr></thead><tbody>");
        foreach (var row in found.Skip((page - 1) * ListPageSize).Take(ListPageSize))
        {
            html.Append("<tr>");
            foreach (var value in row) html.Append($"<td>{Encode(value)}</td>");
            html.Append($"<td><a href=\"{AdminEndpoints.TablePath(table)}/edit?key={Uri.EscapeDataString(table.Key(row))}\">{Encode(t.T("编辑", "Edit"))}</a></td></tr>");
        }
        html.Append("</tbody></table>");
        if (pages > 1)
        {
            html.Append("<p class=\"pages\">");
            for (var p = 1; p <= pages; p++)
                html.Append(p == page ? $"<b>{p}</b> " : $"<a href=\"?q={Uri.EscapeDataString(query)}&amp;page={p}\">{p}</a> ");
            html.Append("</p>");
        }
        return Shell(t, table.Name, html.ToString());
    }

    public static string Edit(RowForm form, string antiforgeryField, BoardText t, EditOutcome? outcome = null)
    {
        var table = form.Table;
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T(table.Zh, table.En))}：{Encode(form.Key is null ? t.T("新增", "add a row") : form.Key)}</h1>");
        if (outcome == EditOutcome.Stale)
        {
            html.Append($"<p class=\"error\" role=\"alert\">{Encode(t.T(
                "名录在您打开此页后已有更新，未保存；请核对后再保存。",
                "The directory changed after you opened this page; nothing was saved. Check and save again."))}</p>");
        }
        if (form.Problems.Count > 0)
        {
            html.Append($"<div class=\"error\" role=\"alert\"><p>{Encode(t.T("未保存，请改正：", "Not saved; please correct:"))}</p><ul>");
            foreach (var problem in form.Problems) html.Append($"<li>{Encode(ProblemText(problem))}</li>");
            html.Append("</ul></div>");
        }
        html.Append($"<form method=\"post\" action=\"{AdminEndpoints.TablePath(table)}/edit\" class=\"row\">{antiforgeryField}")
            .Append($"<input type=\"hidden\" name=\"key\" value=\"{Encode(form.Key ?? "")}\">")
            .Append($"<input type=\"hidden\" name=\"baseVersion\" value=\"{form.BaseVersion}\">");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var required = i < table.RequiredCount ? " *" : "";
            html.Append($"<label>{Encode(column + required)}<input name=\"{Encode(column)}\" value=\"{Encode(form.Values[i])}\"></label>");
        }
        html.Append($"<p class=\"hint\">{Encode(ColumnHint(table, t))}</p>")
            .Append($"<button name=\"action\" value=\"save\">{Encode(t.T("保存", "Save"))}</button>");
        if (form.Key is not null)
            html.Append($" <button name=\"action\" value=\"delete\" class=\"danger\">{Encode(t.T("删除此行", "Remove this row"))}</button>");
        html.Append($" <a href=\"{AdminEndpoints.TablePath(table)}\">{Encode(t.T("取消", "Cancel"))}</a></form>");
        return Shell(t, table.Name, html.ToString());
    }

    public static string Import(LiveConfig live, string? refusal, string antiforgeryField, BoardText t, string? chosen = null)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T("导入 CSV", "Import a CSV file"))}</h1>");
        if (refusal is not null) html.Append(refusal);
        html.Append($"<p>{Encode(t.T(
            "上传的文件替换整张表。先预览：列出新增、修改、删除的行和所有问题（含行号），确认后才生效；有任何问题则不做任何更改。",
            "The uploaded file replaces the whole table. It is previewed first: rows added, changed and removed, and every problem with its line; it applies only when you confirm, and not at all while it has problems."))}</p>");
        html.Append(ImportForm(antiforgeryField, t, chosen));
        AppendProblems(html, live, t);
        return Shell(t, "import", html.ToString());
    }

    public static string ImportRefusal(BoardText t, string message) => $"<p class=\"error\" role=\"alert\">{Encode(message)}</p>";

    public static string ImportPreview(
        DirectoryTable table, string fileName, string? text, DirectoryProposal? proposal,
        IReadOnlyList<ConfigProblem> readProblems, string antiforgeryField, BoardText t)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T("导入预览", "Import preview"))}：{Encode(fileName)} → <code>{Encode(table.FileName)}</code></h1>");
        var problems = proposal?.Problems ?? readProblems;
        if (proposal is not { IsValid: true } valid)
        {
            html.Append($"<div class=\"error\" role=\"alert\"><p><b>{Encode(t.T(
                    $"发现 {problems.Count} 个问题，未做任何更改。请改正后重新上传。",
                    $"{problems.Count} problem{(problems.Count == 1 ? "" : "s")} found; nothing was applied. Correct the file and upload it again."))}</b></p><ul class=\"problems\">");
            foreach (var problem in problems) html.Append($"<li>{Encode(ProblemText(problem))}</li>");
            html.Append("</ul></div>");
            return Shell(t, "import", html.Append(ImportForm(antiforgeryField, t, table.Name)).ToString());
        }

        var added = valid.Changes.Count(c => c.Action == ChangeAction.Added);
        var changed = valid.Changes.Count(c => c.Action == ChangeAction.Changed);
        var removed = valid.Changes.Count(c => c.Action == ChangeAction.Removed);
        html.Append($"<p class=\"ok\">{Encode(t.T(
            $"文件有效。应用后：新增 {added} 行，修改 {changed} 行，删除 {removed} 行（基于名录版本 {valid.BaseVersion}）。",
            $"The file is valid. Applying it adds {added}, changes {changed} and removes {removed} rows (on directory version {valid.BaseVersion})."))}</p>");
        AppendChanges(html, valid.Changes.Select(c => (c.Action, c.Key, Named(c.Table, c.Before), Named(c.Table, c.After))), t);
        if (valid.Changes.Count > 0)
        {
            html.Append($"<form method=\"post\" action=\"{AdminEndpoints.ImportPath}/apply\">{antiforgeryField}")
                .Append($"<input type=\"hidden\" name=\"table\" value=\"{table.Name}\">")
                .Append($"<input type=\"hidden\" name=\"baseVersion\" value=\"{valid.BaseVersion}\">")
                .Append($"<input type=\"hidden\" name=\"content\" value=\"{Encode(text!)}\">")
                .Append($"<button>{Encode(t.T("确认应用", "Apply"))}</button> <a href=\"{AdminEndpoints.ImportPath}\">{Encode(t.T("放弃", "Discard"))}</a></form>");
        }
        return Shell(t, "import", html.ToString());
    }

    public static string Audit(IReadOnlyList<DirectoryAuditEntry> entries, long? applied, BoardText t)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T("审计日志", "Audit log"))}</h1>");
        if (applied is { } version)
            html.Append($"<p class=\"ok\" role=\"status\">{Encode(t.T($"已应用：名录版本 {version} 已生效。", $"Applied: directory version {version} is in force."))}</p>");
        html
            .Append($"<p>{Encode(t.T("名录的每一次更改：谁、何时、改前、改后。", "Every change of the directory: who, when, before, after."))}</p>")
            .Append("<table class=\"audit\"><thead><tr>")
            .Append($"<th>{Encode(t.T("时间", "When"))}</th><th>{Encode(t.T("操作人", "Who"))}</th><th>{Encode(t.T("版本", "Version"))}</th>")
            .Append($"<th>{Encode(t.T("表", "Table"))}</th><th>{Encode(t.T("操作", "Change"))}</th><th>{Encode(t.T("行", "Row"))}</th>")
            .Append($"<th>{Encode(t.T("改前", "Before"))}</th><th>{Encode(t.T("改后", "After"))}</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            var table = DirectoryTables.Find(entry.Table);
            html.Append($"<tr data-version=\"{entry.Version}\"><td>{Encode(t.FullTime(entry.At))}</td>")
                .Append($"<td>{Encode(entry.ChangedBy ?? t.T("配置文件夹", "config folder"))}</td><td>{entry.Version}</td>")
                .Append($"<td>{Encode(table is null ? entry.Table : t.T(table.Zh, table.En))}</td><td>{Encode(ActionText(entry.Action, t))}</td>")
                .Append($"<td>{Encode(entry.Action == ChangeAction.Loaded ? t.T($"{entry.Key} 行", $"{entry.Key} rows") : entry.Key)}</td>");
            AppendBeforeAfter(html, entry.Action, entry.Before, entry.After);
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (entries.Count == AuditPageSize)
            html.Append($"<p><a href=\"{AdminEndpoints.AuditPath}?before={entries[^1].Id}\">{Encode(t.T("更早的记录", "Older entries"))}</a></p>");
        return Shell(t, "audit", html.ToString());
    }

    public static string Message(BoardText t, string message, string back) =>
        Shell(t, "", $"<p class=\"error\" role=\"alert\">{Encode(message)}</p><p><a href=\"{back}\">{Encode(t.T("返回", "Back"))}</a></p>");

    public static string NoDirectory(BoardText t) => Shell(t, "", NoDirectoryText(t));

    private static string NoDirectoryText(BoardText t) =>
        $"<p class=\"error\">{Encode(t.T("没有有效的配置，无法编辑名录。", "No valid configuration is loaded; the directory cannot be edited."))}</p>";

    private static string ImportForm(string antiforgeryField, BoardText t, string? chosen)
    {
        var html = new StringBuilder();
        html.Append($"<form method=\"post\" action=\"{AdminEndpoints.ImportPath}\" enctype=\"multipart/form-data\" class=\"import\">{antiforgeryField}")
            .Append($"<label>{Encode(t.T("表", "Table"))}<select name=\"table\">");
        foreach (var table in DirectoryTables.All)
        {
            var selected = table.Name == chosen ? " selected" : "";
            html.Append($"<option value=\"{table.Name}\"{selected}>{Encode(t.T(table.Zh, table.En))} ({Encode(table.FileName)})</option>");
        }
        html.Append("</select></label>")
            .Append($"<label>{Encode(t.T("CSV 文件（UTF-8）", "CSV file (UTF-8)"))}<input type=\"file\" name=\"file\" accept=\".csv,text/csv\"></label>")
            .Append($"<button>{Encode(t.T("预览", "Preview"))}</button></form>");
        return html.ToString();
    }

    /// <summary>A broken config folder, file by file and line by line: the worker runs on the last valid version meanwhile.</summary>
    private static void AppendProblems(StringBuilder html, LiveConfig live, BoardText t)
    {
        if (live.Problems.Count == 0) return;
        html.Append($"<div class=\"error\" role=\"alert\"><p><b>{Encode(t.T(
            $"配置文件夹有 {live.Problems.Count} 个问题，未生效；仍按名录版本 {live.Current?.DirectoryVersion} 运行。",
            $"The config folder has {live.Problems.Count} problems and was not applied; still running on directory version {live.Current?.DirectoryVersion}."))}</b></p><ul class=\"problems\">");
        foreach (var problem in live.Problems) html.Append($"<li>{Encode(problem.ToString())}</li>");
        html.Append("</ul></div>");
    }

    private static void AppendChanges(
        StringBuilder html, IEnumerable<(ChangeAction Action, string Key, IReadOnlyDictionary<string, string>? Before, IReadOnlyDictionary<string, string>? After)> changes, BoardText t)
    {
        html.Append("<table class=\"changes\"><thead><tr>")
            .Append($"<th>{Encode(t.T("操作", "Change"))}</th><th>{Encode(t.T("行", "Row"))}</th>")
            .Append($"<th>{Encode(t.T("改前", "Before"))}</th><th>{Encode(t.T("改后", "After"))}</th></tr></thead><tbody>");
        foreach (var (action, key, before, after) in changes)
        {
            html.Append($"<tr class=\"{action.ToString().ToLowerInvariant()}\"><td>{Encode(ActionText(action, t))}</td><td>{Encode(key)}</td>");
            AppendBeforeAfter(html, action, before, after);
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    /// <summary>For a changed row only the columns that changed; for an added or removed row all of them.</summary>
    private static void AppendBeforeAfter(
        StringBuilder html, ChangeAction action, IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string>? after)
    {
        var columns = (before ?? after)?.Keys
            .Where(c => action != ChangeAction.Changed || before![c] != after!.GetValueOrDefault(c))
            .ToList() ?? [];
        html.Append("<td>").Append(Columns(before, columns)).Append("</td><td>").Append(Columns(after, columns)).Append("</td>");
    }

    private static string Columns(IReadOnlyDictionary<string, string>? values, IReadOnlyList<string> columns) =>
        values is null ? "" : string.Join("<br>", columns.Select(c => $"<span class=\"col\">{Encode(c)}</span> {Encode(values.GetValueOrDefault(c, ""))}"));

    private static IReadOnlyDictionary<string, string>? Named(DirectoryTable table, IReadOnlyList<string>? row) =>
        row is null ? null : table.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second);

    private static string ActionText(ChangeAction action, BoardText t) => action switch
    {
        ChangeAction.Added => t.T("新增", "added"),
        ChangeAction.Changed => t.T("修改", "changed"),
        ChangeAction.Removed => t.T("删除", "removed"),
        _ => t.T("首次载入", "first load"),
    };

    /// <summary>The problem with the file name an admin knows (<c>people.csv:5: …</c>).</summary>
    private static string ProblemText(ConfigProblem problem)
    {
        var file = System.IO.Path.GetFileName(problem.File);
        return problem.Line > 0 ? $"{file}:{problem.Line}: {problem.Message}" : $"{file}: {problem.Message}";
    }

    private static string ColumnHint(DirectoryTable table, BoardText t) => table.Name switch
    {
        "people" => t.T("phone 用 E.164（如 +8613800000000），phone 与 email 至少填一项；language 为 zh-CN 或 en。",
            "phone in E.164 (e.g. +8613800000000); a phone, an email or both; language zh-CN or en."),
        "hazard-points" => t.T("lon/lat 为 WGS84 经纬度；regionCode 须为 regions.csv 中的代码。",
            "lon/lat in WGS84 degrees; regionCode must be a code of regions.csv."),
        "assignments" => t.T("role：prevention-lead、monitor、technical-lead（scope 为隐患点编号），township-duty、county-duty（scope 为区划代码）。",
            "role: prevention-lead, monitor, technical-lead (scope a hazard point id), township-duty, county-duty (scope a region code)."),
        "duty-roster" => t.T("role：duty-officer 或 duty-leader；start/end 为带时区的 ISO 8601 时间（如 2026-06-01T08:00:00+08:00），end 不含。",
            "role: duty-officer or duty-leader; start/end ISO 8601 with offset (e.g. 2026-06-01T08:00:00+08:00), end exclusive."),
        _ => t.T("parentCode 为空表示根节点。", "An empty parentCode makes a root."),
    };

    private static void AppendPolicy(StringBuilder html, AlertPolicy policy, BoardText t)
    {
        html.Append($"<table><thead><tr><th>{Encode(t.T("级别", "Level"))}</th><th>{Encode(t.T("通知角色", "Roles told"))}</th>")
            .Append($"<th>{Encode(t.T("渠道", "Channels"))}</th><th>{Encode(t.T("须在此时间内确认", "Answer within"))}</th>")
            .Append($"<th>{Encode(t.T("升级步骤（自首次发出起）", "Escalation (from the first send)"))}</th></tr></thead><tbody>");
        foreach (var level in new[] { Level.Red, Level.Orange, Level.Yellow, Level.Blue })
        {
            html.Append($"<tr data-level=\"{level.ToString().ToLowerInvariant()}\"><th>{Encode(t.Level(level))}</th>");
            if (policy.For(level) is not { } rule)
            {
                html.Append($"<td colspan=\"4\">{Encode(t.T("不通知任何人", "nobody is told"))}</td></tr>");
                continue;
            }
            html.Append($"<td>{Encode(string.Join(t.T("、", ", "), rule.Roles.Order().Select(t.Role)))}</td>")
                .Append($"<td>{Encode(string.Join(t.T("、", ", "), rule.Channels.Select(t.Channel)))}</td>")
                .Append($"<td>{Encode(rule.AckWithin is { } within ? t.Duration(within) : t.T("无需确认", "no answer needed"))}</td><td>");
            if (rule.Escalation.Count == 0) html.Append("—");
            else
            {
                html.Append("<ol>");
                foreach (var step in rule.Escalation)
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
        html.Append("</tbody></table>");
    }

    private static string Shell(BoardText t, string current, string body)
    {
        var nav = new StringBuilder("<nav>");
        nav.Append($"<a href=\"{AdminEndpoints.Path}\"{Current(current, "")}>{Encode(t.T("概览与策略", "Overview & policy"))}</a>");
        foreach (var table in DirectoryTables.All)
            nav.Append($"<a href=\"{AdminEndpoints.TablePath(table)}\"{Current(current, table.Name)}>{Encode(t.T(table.Zh, table.En))}</a>");
        nav.Append($"<a href=\"{AdminEndpoints.ImportPath}\"{Current(current, "import")}>{Encode(t.T("导入", "Import"))}</a>")
            .Append($"<a href=\"{AdminEndpoints.AuditPath}\"{Current(current, "audit")}>{Encode(t.T("审计日志", "Audit log"))}</a>")
            .Append($"<a href=\"/\">{Encode(t.T("值班看板", "Duty board"))}</a>")
            .Append($"<a href=\"?lang={(t.English ? "zh" : "en")}\" class=\"lang\">{(t.English ? "中文" : "English")}</a></nav>");
        return "<!DOCTYPE html>"
            + $"<html lang=\"{(t.English ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
            + $"<title>{Encode(t.T("管理", "Admin"))} - AlertWorker</title><style>{Style}</style></head><body>{nav}<main>{body}</main></body></html>";
    }

    private static string Current(string current, string page) => current == page ? " aria-current=\"page\"" : "";

    private const string Style =
        "body{font:14px/1.5 'Noto Sans CJK SC','Microsoft YaHei',system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7f9}"
        + "nav{background:#1d2733;padding:.5rem 1.5rem;display:flex;flex-wrap:wrap;gap:1.1rem}nav a{color:#cfd8e3;text-decoration:none}"
        + "nav a[aria-current]{color:#fff;font-weight:bold;border-bottom:2px solid #fff}nav .lang{margin-left:auto}main{padding:1rem 2rem}"
        + "h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem}code{background:#e8ecf0;padding:0 .3rem;border-radius:3px}"
        + "table{border-collapse:collapse;background:#fff}th,td{border:1px solid #dde2e8;padding:.35rem .6rem;text-align:left;vertical-align:top}"
        + "thead th{background:#eef1f4}ol{margin:0;padding-left:1.2rem}.error{color:#b00020}.error ul{margin:.3rem 0}"
        + ".ok{color:#1b5e20}form.search,form.import,form.row{margin:.8rem 0}form.row label,form.import label{display:block;margin:.4rem 0}"
        + "form.row input{display:block;width:28rem;padding:.3rem}input[type=search]{width:20rem;padding:.3rem}button{padding:.35rem 1rem}"
        + "button.danger{color:#b00020}.hint{color:#555;max-width:40rem}.col{color:#667;font-size:.85em}"
        + "tr.added td:first-child{color:#1b5e20}tr.removed td:first-child{color:#b00020}tr.changed td:first-child{color:#8a5a00}";
}
