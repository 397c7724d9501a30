using System.Text;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Escalation;
using AlertWorker.Warnings;
using AlertWorker.Web.Duty;
using static AlertWorker.Web.WebPage;

namespace AlertWorker.Web.Board;

/// <summary>
/// The duty board as server-rendered HTML: the page (top bar, styles, htmx) around the fragment that
/// htmx fetches again every <see cref="RefreshSeconds"/> seconds (not while a note is being typed).
/// </summary>
public static class BoardPage
{
    public const int RefreshSeconds = 15;
    public const string FragmentPath = "/board/fragment";
    public const string ScriptPath = "/board/htmx.min.js";

    /// <summary>How many outbox messages the board lists.</summary>
    public const int OutboxShown = 6;

    public static string Page(BoardView view, BoardText t, string antiforgeryField, string displayName)
    {
        var other = t.English ? ("?lang=zh", "中文") : ("?lang=en", "English");
        return "<!DOCTYPE html>"
            + $"<html lang=\"{(t.English ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
            + $"<title>{Encode(t.T("值班看板", "Duty board"))} - AlertWorker</title>"
            + $"<style>{Style}</style><script src=\"{ScriptPath}\"></script><script>{Script}</script></head><body>"
            + "<header class=\"top\"><div class=\"brand\">"
            + $"<strong>{Encode(t.T("地质灾害预警叫应", "Geohazard warnings"))}</strong> · {Encode(t.T("值班看板", "Duty board"))}"
            + "<span class=\"product\">AlertWorker</span></div>"
            + DutyLinks(view, t)
            + "<div class=\"who\">"
            + $"<span>{Encode(displayName)}</span>"
            + $"<a href=\"/{other.Item1}\">{other.Item2}</a>"
            + $"<form method=\"post\" action=\"{LoginEndpoints.LogoutPath}\">{antiforgeryField}"
            + $"<button type=\"submit\" class=\"link\">{Encode(t.T("退出", "Sign out"))}</button></form></div></header>"
            + $"<main id=\"board\" hx-get=\"{FragmentPath}?lang={t.Lang}\" hx-trigger=\"every {RefreshSeconds}s [boardIdle()], refresh\" hx-swap=\"innerHTML\">"
            + Fragment(view, t, antiforgeryField)
            + "</main></body></html>";
    }

    /// <summary>The duty officer's actions (enter a warning, start a drill, send a test message) and the
    /// 叫应 record of today or of a day picked; outside the fragment, so a refresh never resets the date.</summary>
    private static string DutyLinks(BoardView view, BoardText t) =>
        "<nav class=\"actions\">"
        + $"<a href=\"{DutyEndpoints.NewWarningPath}?lang={t.Lang}\">{Encode(t.T("录入电话/传真预警", "Enter a phone/fax warning"))}</a>"
        + $"<a href=\"{DutyEndpoints.NewDrillPath}?lang={t.Lang}\">{Encode(t.T("开始演练", "Start a drill"))}</a>"
        + $"<a href=\"{DutyEndpoints.TestMessagePath}?lang={t.Lang}\">{Encode(t.T("测试消息", "Test message"))}</a>"
        + $"<a href=\"{RecordEndpoints.DayPath}\" id=\"record-today\">{Encode(t.T("今日叫应记录", "Today's 叫应 record"))}</a>"
        + $"<form method=\"get\" action=\"{RecordEndpoints.DayPath}\" class=\"day\">"
        + $"<input type=\"date\" name=\"date\" required value=\"{t.Local(view.Now):yyyy-MM-dd}\" aria-label=\"{Encode(t.T("日期", "Day"))}\">"
        + $"<button type=\"submit\" class=\"link\">{Encode(t.T("下载该日记录", "Download that day"))}</button></form>"
        + "</nav>";

    public static string Fragment(BoardView view, BoardText t, string antiforgeryField)
    {
        var html = new StringBuilder();
        if (view.OnOutbox.Count > 0) html.Append(OutboxBanner(view.OnOutbox, t));
        if (view.ConfigProblems.Count > 0)
        {
            html.Append("<div class=\"banner warn\" role=\"alert\">")
                .Append(Encode(t.T("配置文件有错误，系统仍按上一次有效的配置运行：", "The config folder has errors; the last valid configuration stays in force:")))
                .Append("<ul>");
            foreach (var problem in view.ConfigProblems.Take(5)) html.Append("<li>").Append(Encode(problem.ToString())).Append("</li>");
            html.Append("</ul></div>");
        }

        var actual = view.Warnings.Where(w => !w.Warning.Exercise).ToList();
        var drills = view.Warnings.Where(w => w.Warning.Exercise).ToList();
        var pending = actual.Sum(w => w.Statistics.Pending);
        html.Append("<div class=\"summary\">")
            .Append(Chip(t.T("生效预警", "Active warnings"), actual.Count.ToString(), actual.Count > 0 ? "hot" : ""))
            .Append(Chip(t.T("未确认人数", "Not answered"), pending.ToString(), pending > 0 ? "hot" : ""))
            .Append(Chip(t.T("已升级", "Escalated"), actual.Sum(w => w.Statistics.Escalated).ToString(), ""))
            .Append(Chip(t.T("演练", "Drills"), drills.Count.ToString(), ""))
            .Append($"<span class=\"asof\">{Encode(t.T("数据时间", "As of"))} {Encode(t.FullTime(view.Now))} · {Encode(t.ZoneLabel)}"
                + $" · {Encode(t.T($"每 {RefreshSeconds} 秒自动刷新", $"refreshes every {RefreshSeconds} s"))}</span>")
            .Append("</div><div class=\"layout\"><section class=\"warnings\">")
            .Append($"<h2>{Encode(t.T("生效预警", "Active warnings"))}</h2>");
        if (actual.Count == 0)
            html.Append($"<p class=\"empty\">{Encode(t.T("当前没有生效的预警。", "No warning is in force."))}</p>");
        foreach (var warning in actual) html.Append(WarningCard(warning, view, t, antiforgeryField));

        html.Append($"<h2 class=\"drills\">{Encode(t.T("演练（Exercise）", "Drills (Exercise)"))}</h2>");
        if (drills.Count == 0)
            html.Append($"<p class=\"empty\">{Encode(t.T("没有进行中的演练。", "No drill is running."))}</p>");
        foreach (var warning in drills) html.Append(WarningCard(warning, view, t, antiforgeryField));

        html.Append("</section><aside>")
            .Append(DutyCard(view, t))
            .Append(FeedsCard(view, t))
            .Append(OutboxCard(view, t))
            .Append("</aside></div>");
        return html.ToString();
    }

    public static string OutboxBanner(IReadOnlyList<Channel> onOutbox, BoardText t) =>
        "<div class=\"banner outbox\" role=\"alert\" id=\"outbox-banner\"><strong>"
        + Encode(t.T("未配置短信/语音/邮件服务，消息仅写入本地发件箱，并未真正发出",
            "No SMS/voice/email provider is configured: messages are only written to the local outbox, nothing is really sent"))
        + "</strong> <span>(" + Encode(string.Join(t.T("、", ", "), onOutbox.Select(t.Channel))) + ")</span></div>";

    private static string Chip(string label, string value, string css) =>
        $"<span class=\"chip {css}\"><b>{Encode(value)}</b> {Encode(label)}</span>";

    private static string LevelCss(Level level) => level switch
    {
        Level.Red => "red",
        Level.Orange => "orange",
        Level.Yellow => "yellow",
        Level.Blue => "blue",
        _ => "none",
    };

    private static string WarningCard(WarningView view, BoardView board, BoardText t, string antiforgeryField)
    {
        var warning = view.Warning.Latest;
        var info = warning.InfoFor(t.English ? "en" : "zh-CN");
        var level = LevelCss(warning.Level);
        var stats = view.Statistics;
        var html = new StringBuilder();
        html.Append($"<article class=\"warning lvl-{level}{(view.Warning.Exercise ? " exercise" : "")}\" data-level=\"{level}\" data-key=\"{Encode(warning.Key)}\">")
            .Append("<header>")
            .Append($"<span class=\"badge lvl-{level}\">{Encode(t.Level(warning.Level))}{Encode(t.T("预警", ""))}</span>");
        if (view.Warning.Exercise) html.Append($"<span class=\"badge drill\">{Encode(t.T("演练", "EXERCISE"))}</span>");
        html.Append($"<h3>{Encode(info?.Headline ?? info?.Event ?? warning.Identifier)}</h3>")
            .Append("<div class=\"wmeta\">")
            .Append(Encode(info?.SenderName ?? warning.Sender))
            .Append(warning.Sent > DateTimeOffset.UnixEpoch ? $" · {Encode(t.T("发布", "issued"))} {Encode(t.Time(warning.Sent))}" : "")
            .Append($" · {Encode(t.T("收到", "received"))} {Encode(t.Time(view.Warning.UpdatedAt))}")
            .Append($" · {Encode(t.T("有效至", "until"))} {Encode(warning.Expires is { } e ? t.FullTime(e) : t.T("未定", "open"))}");
        var area = string.Join(t.T("；", "; "), info?.Areas.Select(a => a.AreaDesc).Where(a => a.Length > 0) ?? []);
        if (area.Length > 0) html.Append($" · {Encode(area)}");
        if (ManualWarnings.EnteredBy(warning) is { } enteredBy)
            html.Append($" · <span class=\"manual\">{Encode(t.T($"值班员 {enteredBy} 人工录入", $"entered by hand by {enteredBy}"))}</span>");
        html.Append("</div><div class=\"wactions\">")
            .Append($"<a href=\"{DutyPages.RecordLink(warning.Key)}\" class=\"record\">{Encode(t.T("叫应记录（CSV）", "叫应 record (CSV)"))}</a>");
        if (ManualWarnings.IsManual(warning)) html.Append(DutyPages.CancelForm(warning.Key, t, antiforgeryField));
        html.Append("</div><div class=\"stats\">")
            .Append(Stat(t.T("应叫应", "Expected"), stats.Expected.ToString()))
            .Append(Stat(t.T("已确认", "Answered"), stats.Answered.ToString(), "ok"))
            .Append(Stat(t.T("未确认", "Not answered"), stats.Pending.ToString(), stats.Pending > 0 ? "bad" : ""))
            .Append(Stat(t.T("已升级", "Escalated"), stats.Escalated.ToString(), stats.Escalated > 0 ? "warn" : ""))
            .Append(Stat(t.T("确认率", "Answer rate"), stats.AnsweredPercent is { } p ? p + "%" : "—"))
            .Append(Stat(t.T("确认用时中位数", "Median time to answer"), stats.MedianTimeToAnswer is { } m ? t.Duration(m) : "—"))
            .Append(Stat(t.T("通知人数", "Recipients"), stats.Recipients.ToString()))
            .Append("</div></header>");

        html.Append("<table class=\"recipients\"><thead><tr>")
            .Append($"<th>{Encode(t.T("姓名", "Name"))}</th><th>{Encode(t.T("角色 / 隐患点", "Role / hazard points"))}</th>")
            .Append($"<th>{Encode(t.T("联系方式", "Contact"))}</th><th>{Encode(t.T("渠道", "Channels"))}</th>")
            .Append($"<th>{Encode(t.T("叫应状态", "State"))}</th><th>{Encode(t.T("升级", "Escalation"))}</th>")
            .Append($"<th>{Encode(t.T("代为确认", "Confirm on behalf"))}</th></tr></thead><tbody>");
        foreach (var row in view.Rows) html.Append(Row(row, t, antiforgeryField));
        html.Append("</tbody></table></article>");
        return html.ToString();
    }

    private static string Stat(string label, string value, string css = "") =>
        $"<span class=\"stat {css}\"><b>{Encode(value)}</b>{Encode(label)}</span>";

    private static string Row(RecipientRow row, BoardText t, string antiforgeryField)
    {
        var n = row.Notification;
        var phase = row.Phase.ToString().ToLowerInvariant();
        var html = new StringBuilder();
        html.Append($"<tr id=\"n-{n.Id}\" class=\"ph-{phase}{(row.Overdue ? " overdue" : "")}\" data-person=\"{Encode(n.PersonId)}\" data-phase=\"{phase}\">")
            .Append($"<td class=\"name\">{Encode(row.Person?.Name is { Length: > 0 } name ? name : n.PersonId)}<small>{Encode(n.PersonId)}</small></td>")
            .Append($"<td class=\"roles\">{Encode(string.Join(t.T("、", ", "), n.Roles.Select(t.Role)))}");
        if (row.Points.Count > 0)
            html.Append($"<small>{Encode(string.Join(t.T("、", ", "), row.Points.Take(2).Select(p => p.Name)))}{(row.Points.Count > 2 ? Encode(t.T($" 等 {row.Points.Count} 处", $" and {row.Points.Count - 2} more")) : "")}</small>");
        html.Append("</td>")
            .Append($"<td class=\"contact\">{Encode(row.Person?.Phone ?? row.Person?.Email ?? "—")}</td>")
            .Append($"<td class=\"channels\">{Encode(string.Join(t.T("、", ", "), n.Channels.Select(t.Channel)))}</td>")
            .Append($"<td class=\"state\">{State(row, t)}</td>")
            .Append($"<td class=\"esc\">{Escalation(row, t)}</td><td class=\"act\">");
        if (n.AnswerExpected && row.Phase is RecipientPhase.Pending or RecipientPhase.Queued)
        {
            html.Append($"<form class=\"confirm\" method=\"post\" action=\"/api/notifications/{n.Id}/confirm\" hx-post=\"/api/notifications/{n.Id}/confirm\" hx-swap=\"none\" hx-on::after-request=\"boardConfirmed(this, event)\">")
                .Append(antiforgeryField)
                .Append($"<input name=\"note\" required maxlength=\"500\" autocomplete=\"off\" aria-label=\"{Encode(t.T("备注", "Note"))}\" placeholder=\"{Encode(t.T("备注：何时电话联系到本人", "Note: who reached them, when"))}\">")
                .Append($"<button type=\"submit\">{Encode(t.T("代为确认", "Confirm"))}</button><span class=\"err\" role=\"status\"></span></form>");
        }
        else
        {
            html.Append("<span class=\"muted\">—</span>");
        }
        html.Append("</td></tr>");
        return html.ToString();
    }

    private static string State(RecipientRow row, BoardText t)
    {
        var n = row.Notification;
        var sent = n.FirstAcceptedAt is { } s ? t.T($"{t.Time(s)} 已发出", $"sent {t.Time(s)}") : null;
        var delivered = n.DeliveredAt is { } d ? t.T($"{t.Time(d)} 已送达", $"delivered {t.Time(d)}") : null;
        var trail = string.Join(" · ", new[] { sent, delivered }.OfType<string>());
        var (css, text, detail) = row.Phase switch
        {
            RecipientPhase.Pending => ("pending", t.T($"未确认 {t.Duration(row.Waiting ?? TimeSpan.Zero)}", $"no answer for {t.Duration(row.Waiting ?? TimeSpan.Zero)}"),
                trail + (row.Overdue ? t.T(" · 已超时", " · overdue") : "")),
            RecipientPhase.Queued => ("queued", t.T($"待发送 {t.Duration(row.Waiting ?? TimeSpan.Zero)}", $"queued for {t.Duration(row.Waiting ?? TimeSpan.Zero)}"), ""),
            RecipientPhase.Failed => ("failed", t.T("发送失败", "sending failed"), n.Flagged ?? ""),
            RecipientPhase.Delivered => ("delivered", t.T("已送达", "delivered"), t.T("无需回复", "no answer needed") + " · " + trail),
            RecipientPhase.Sent => ("sent", t.T("已发出", "sent"), t.T("无需回复", "no answer needed") + " · " + trail),
            RecipientPhase.Answered => ("answered", t.T($"已确认 {t.Time(n.AnsweredAt)}", $"answered {t.Time(n.AnsweredAt)}"), AnswerDetail(row, t)),
            _ => ("closed", t.Closed(n.ClosedReason), ""),
        };
        return $"<span class=\"st {css}\">{Encode(text)}</span>" + (detail.Length > 0 ? $"<small>{Encode(detail)}</small>" : "");
    }

    private static string AnswerDetail(RecipientRow row, BoardText t)
    {
        var n = row.Notification;
        var how = t.AnswerMethod(n.AnswerMethod);
        var took = n.AnsweredAt is { } at ? t.T($"用时 {t.Duration(at - (n.FirstAcceptedAt ?? n.CreatedAt))}", $"after {t.Duration(at - (n.FirstAcceptedAt ?? n.CreatedAt))}") : "";
        return n.AnswerMethod == Acknowledgement.AnswerMethod.OnBehalf
            ? t.T($"{how}（{n.AnsweredBy}）· {took} · 备注：{n.AnswerNote}", $"{how} ({n.AnsweredBy}) · {took} · note: {n.AnswerNote}")
            : $"{how} · {took}";
    }

    private static string Escalation(RecipientRow row, BoardText t)
    {
        var html = new StringBuilder();
        if (row.Steps.Count > 0)
        {
            html.Append("<ol>");
            foreach (var step in row.Steps)
            {
                html.Append($"<li><span class=\"time\">{Encode(t.Time(step.Step.DoneAt))}</span> {Encode(t.StepAction(step.Step.Action))}");
                if (step.Step.Action != "repeat")
                {
                    var told = step.Notices.Count > 0
                        ? step.Notices.Select(x => Encode(x.To?.Name ?? x.Notice.PersonId)
                            + (x.Notice.AnsweredAt is not null ? $" <span class=\"ok\">✓</span>" : ""))
                        : step.TargetNames.Select(Encode);
                    html.Append(Encode(t.T("：", ": "))).Append(string.Join(t.T("、", ", "), told));
                    if (step.TargetNames.Count == 0) html.Append($" <span class=\"bad\">{Encode(t.T("（无人可通知）", "(nobody to notify)"))}</span>");
                }
                html.Append("</li>");
            }
            html.Append("</ol>");
        }
        if (row.NextStep is { } next && row.Phase is RecipientPhase.Pending)
        {
            var due = row.NextIsDue ? t.T("即将执行", "due now") : t.T(t.Time(next.DueAt), $"at {t.Time(next.DueAt)}");
            var what = next.Policy.Action == EscalationAction.Repeat
                ? t.StepAction("repeat")
                : t.StepAction("notify " + string.Join(",", next.Policy.Notify.Select(r => Domain.Directory.Roles.ToName(r))));
            html.Append($"<div class=\"next\">{Encode(t.T($"下一步 {due}：{what}", $"Next {due}: {what}"))}</div>");
        }
        return html.Length == 0 ? "<span class=\"muted\">—</span>" : html.ToString();
    }

    private static string DutyCard(BoardView view, BoardText t)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"duty\"><h2>{Encode(t.T("当前值班", "On duty now"))}</h2>");
        if (view.Duty.OnShift.Count == 0)
            html.Append($"<p class=\"bad\">{Encode(t.T("此刻无人值班！", "Nobody is on duty now!"))}</p>");
        else
        {
            html.Append("<table class=\"plain\">");
            foreach (var (shift, person) in view.Duty.OnShift)
            {
                html.Append($"<tr><th>{Encode(t.Role(shift.Role))}</th><td><b>{Encode(person?.Name ?? shift.PersonId)}</b>"
                    + $"<small>{Encode(person?.Phone ?? "")} · {Encode(t.T($"至 {t.Time(shift.End)}", $"until {t.Time(shift.End)}"))}</small></td></tr>");
            }
            html.Append("</table>");
        }
        html.Append($"<h3>{Encode(t.T("未来 7 天值班表空档", "Roster gaps, next 7 days"))}</h3>");
        if (view.Duty.Gaps.Count == 0)
            html.Append($"<p class=\"ok\">{Encode(t.T("无空档", "None"))}</p>");
        else
        {
            html.Append("<ul class=\"gaps\">");
            foreach (var gap in view.Duty.Gaps)
                html.Append($"<li class=\"bad\">{Encode(t.Role(gap.Role))}{Encode(t.T("：", ": "))}{Encode(t.FullTime(gap.Start))} – {Encode(t.FullTime(gap.End))}</li>");
            html.Append("</ul>");
        }
        return html.Append("</section>").ToString();
    }

    private static string FeedsCard(BoardView view, BoardText t)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"feeds\"><h2>{Encode(t.T("数据源", "Feeds"))}</h2><table class=\"plain feeds\">");
        foreach (var feed in view.Feeds)
        {
            var h = feed.Health;
            html.Append($"<tr class=\"{(feed.Stale ? "stale" : h.IsFailing ? "failing" : "fresh")}\" data-feed=\"{Encode(feed.Feed.Id)}\"><th>{Encode(feed.Feed.Id)}")
                .Append(feed.Stale
                    ? $"<span class=\"st failed\">{Encode(t.T("数据过期", "stale"))}</span>"
                    : h.IsFailing ? $"<span class=\"st pending\">{Encode(t.T("出错", "failing"))}</span>" : $"<span class=\"st answered\">{Encode(t.T("正常", "ok"))}</span>")
                .Append("</th><td>")
                .Append($"<small>{Encode(t.T("最近成功", "last success"))} {Encode(h.LastSuccess is { } s ? t.Time(s) : t.T("从未", "never"))}")
                .Append($" · {Encode(t.T($"超过 {t.Duration(feed.Feed.StaleAfter)} 无成功即过期", $"stale after {t.Duration(feed.Feed.StaleAfter)}"))}</small>");
            if (h.LastError is { } error && h.IsFailing)
                html.Append($"<small class=\"bad\">{Encode(t.T("最近错误", "last error"))} {Encode(t.Time(h.LastErrorAt))}{Encode(t.T("：", ": "))}{Encode(error)}"
                    + (h.ConsecutiveFailures > 1 ? Encode(t.T($"（连续 {h.ConsecutiveFailures} 次）", $" ({h.ConsecutiveFailures} in a row)")) : "") + "</small>");
            html.Append("</td></tr>");
        }
        if (view.Feeds.Count == 0) html.Append($"<tr><td class=\"muted\">{Encode(t.T("未配置数据源", "No feed configured"))}</td></tr>");
        return html.Append("</table></section>").ToString();
    }

    private static string OutboxCard(BoardView view, BoardText t)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"outbox\"><h2>{Encode(t.T("发送通道与发件箱", "Channels and outbox"))}</h2><table class=\"plain\">");
        foreach (var (channel, provider) in view.Channels)
        {
            var onOutbox = view.OnOutbox.Contains(channel);
            html.Append($"<tr><th>{Encode(t.Channel(channel))}</th><td>")
                .Append(onOutbox
                    ? $"<span class=\"st pending\">{Encode(t.T("本地发件箱（未真正发出）", "local outbox (not sent)"))}</span>"
                    : $"<span class=\"st answered\">{Encode(provider)}</span>")
                .Append($"<small>{Encode(t.T($"今日写入发件箱 {view.OutboxToday.GetValueOrDefault(channel)} 条", $"{view.OutboxToday.GetValueOrDefault(channel)} in the outbox today"))}</small></td></tr>");
        }
        html.Append("</table>");
        if (view.Outbox.Count > 0)
        {
            html.Append($"<h3>{Encode(t.T("发件箱最近消息", "Latest outbox messages"))}</h3><ul class=\"outbox\">");
            foreach (var (message, person) in view.Outbox)
            {
                var text = (message.Subject ?? message.Body).ReplaceLineEndings(" ");
                if (text.Length > 48) text = text[..48] + "…";
                html.Append($"<li><span class=\"time\">{Encode(t.Time(message.CreatedAt))}</span> {Encode(t.Channel(message.Channel))} → "
                    + $"<b>{Encode(person?.Name ?? message.PersonId)}</b><small>{Encode(text)}</small></li>");
            }
            html.Append("</ul>");
        }
        return html.Append("</section>").ToString();
    }

    /// <summary>Polling pauses while a note is being typed; a confirmation refreshes the board at once.</summary>
    private const string Script =
        "function boardIdle(){var a=document.activeElement;if(a&&a.closest&&a.closest('#board form.confirm'))return false;"
        + "return !Array.prototype.some.call(document.querySelectorAll('#board input[name=note]'),function(i){return i.value.trim()!=='';});}"
        + "function boardConfirmed(form,e){if(e.detail.elt!==form)return;var err=form.querySelector('.err');"
        + "if(e.detail.successful){form.querySelector('input[name=note]').value='';htmx.trigger('#board','refresh');return;}"
        + "var x=e.detail.xhr,msg='';try{msg=JSON.parse(x.responseText).detail||'';}catch(_){}err.textContent=msg||('HTTP '+x.status);}";

    private const string Style =
        ":root{--red:#c62828;--orange:#e65100;--yellow:#f9a825;--blue:#1565c0;--ink:#1d2733;--muted:#66707c;--line:#dde2e8;--bg:#eef1f4}"
        + "*{box-sizing:border-box}"
        + "body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif}"
        + ".top{display:flex;justify-content:space-between;align-items:center;background:#1f2d3d;color:#fff;padding:.55rem 1.2rem}"
        + ".top strong{font-size:1.15rem}.top .product{margin-left:.8rem;padding:.05rem .45rem;border:1px solid #5b6b7d;border-radius:3px;font-size:.75rem;color:#b8c4d0}"
        + ".top .who{display:flex;gap:1rem;align-items:center}.top a{color:#cfe3ff}.top form{margin:0}"
        + "button.link{background:none;border:1px solid #5b6b7d;color:#fff;border-radius:3px;padding:.15rem .6rem;cursor:pointer}"
        + "nav.actions{display:flex;flex-wrap:wrap;gap:.9rem;align-items:center}nav.actions a{color:#cfe3ff}nav.actions form{display:flex;gap:.3rem}"
        + "nav.actions input[type=date]{font:inherit;font-size:.85rem;padding:.05rem .2rem;border-radius:3px;border:1px solid #5b6b7d}"
        + ".wactions{display:flex;gap:1rem;align-items:center;font-size:.85rem;margin-top:.3rem}.wactions form{margin:0}.wactions a{color:#1565c0}"
        + "form.cancel button{background:none;border:1px solid #8d6e63;color:#6d4c41;border-radius:3px;padding:.05rem .5rem;font:inherit;cursor:pointer}"
        + ".manual{color:#6d4c41;font-weight:600}"
        + "#board{padding:.8rem 1.2rem 2rem}"
        + ".banner{border-radius:4px;padding:.6rem .9rem;margin-bottom:.7rem}.banner ul{margin:.3rem 0 0;padding-left:1.2rem}"
        + ".banner.outbox{background:#fff4e5;border:1px solid #f0a04b;border-left:6px solid #e65100;color:#5d2c00}"
        + ".banner.warn{background:#fffbe6;border:1px solid #e6c200}"
        + ".summary{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.7rem}"
        + ".chip{background:#fff;border:1px solid var(--line);border-radius:999px;padding:.2rem .8rem}.chip b{font-size:1.05rem;margin-right:.2rem}"
        + ".chip.hot{border-color:var(--red);color:var(--red)}.asof{margin-left:auto;color:var(--muted);font-size:.85rem}"
        + ".layout{display:grid;grid-template-columns:minmax(0,1fr) 19rem;gap:1rem;align-items:start}"
        + "@media (max-width:1100px){.layout{grid-template-columns:1fr}}"
        + "h2{font-size:1.05rem;margin:.2rem 0 .6rem}h2.drills{margin-top:1.4rem;color:#6a1b9a}"
        + ".empty{background:#fff;border:1px dashed var(--line);padding:1rem;color:var(--muted);border-radius:4px}"
        + ".warning{background:#fff;border:1px solid var(--line);border-left:8px solid #888;border-radius:4px;margin-bottom:1rem;overflow:hidden}"
        + ".warning>header{padding:.6rem .9rem;border-bottom:1px solid var(--line)}"
        + ".warning h3{display:inline;font-size:1.05rem;margin:0 0 0 .4rem}"
        + ".lvl-red{border-left-color:var(--red)}.lvl-red>header{background:#fdecea}"
        + ".lvl-orange{border-left-color:var(--orange)}.lvl-orange>header{background:#fff1e6}"
        + ".lvl-yellow{border-left-color:var(--yellow)}.lvl-yellow>header{background:#fffbe6}"
        + ".lvl-blue{border-left-color:var(--blue)}.lvl-blue>header{background:#e8f1fc}"
        + ".warning.exercise>header{background-image:repeating-linear-gradient(135deg,transparent 0 12px,rgba(106,27,154,.06) 12px 24px)}"
        + ".badge{display:inline-block;color:#fff;border-radius:3px;padding:.1rem .55rem;font-weight:700;vertical-align:middle}"
        + ".badge.lvl-red{background:var(--red)}.badge.lvl-orange{background:var(--orange)}.badge.lvl-yellow{background:var(--yellow);color:#3e2c00}"
        + ".badge.lvl-blue{background:var(--blue)}.badge.lvl-none{background:#777}.badge.drill{background:#6a1b9a;margin-left:.3rem}"
        + ".wmeta{color:var(--muted);font-size:.85rem;margin-top:.25rem}"
        + ".stats{display:flex;flex-wrap:wrap;gap:1.2rem;margin-top:.45rem}.stat{font-size:.8rem;color:var(--muted)}"
        + ".stat b{display:block;font-size:1.2rem;color:var(--ink)}.stat.ok b{color:#2e7d32}.stat.bad b{color:var(--red)}.stat.warn b{color:var(--orange)}"
        + "table.recipients{width:100%;border-collapse:collapse;font-size:.9rem}td.roles{min-width:10rem;max-width:14rem}td.channels{white-space:nowrap}td.esc{min-width:13rem}td.act{width:15rem}"
        + ".recipients th{background:#f5f7f9;text-align:left;font-weight:600;font-size:.8rem;color:#44505c;padding:.35rem .6rem;border-bottom:1px solid var(--line)}"
        + ".recipients td{padding:.4rem .6rem;border-bottom:1px solid #edf0f3;vertical-align:top}"
        + ".recipients tr.ph-pending td:first-child{box-shadow:inset 4px 0 var(--red)}"
        + ".recipients tr.overdue td{background:#fff6f6}"
        + "td small,th small{display:block;color:var(--muted);font-size:.78rem;font-weight:400}"
        + "td.name{font-weight:600;white-space:nowrap}td.contact{font-variant-numeric:tabular-nums;white-space:nowrap}"
        + ".st{display:inline-block;border-radius:3px;padding:.05rem .45rem;font-weight:600;font-size:.85rem;white-space:nowrap}"
        + ".st.pending{background:#fdecea;color:var(--red)}.st.queued{background:#eceff1;color:#455a64}.st.failed{background:var(--red);color:#fff}"
        + ".st.answered{background:#e8f5e9;color:#2e7d32}.st.delivered,.st.sent{background:#e3f2fd;color:#1565c0}.st.closed{background:#eceff1;color:#607d8b}"
        + "td.esc ol{margin:0;padding-left:1.1rem}td.esc li{font-size:.85rem}.time{font-variant-numeric:tabular-nums;color:var(--muted)}"
        + ".next{font-size:.8rem;color:var(--orange);margin-top:.15rem}"
        + "form.confirm{display:flex;gap:.3rem;flex-wrap:wrap;margin:0}form.confirm input{flex:1 1 8rem;min-width:0;padding:.25rem .4rem;border:1px solid #b0bac5;border-radius:3px;font:inherit}"
        + "form.confirm button{flex:none;padding:.25rem .7rem;border:0;border-radius:3px;background:#1565c0;color:#fff;font:inherit;cursor:pointer}"
        + ".err{color:var(--red);font-size:.8rem;flex-basis:100%}"
        + ".card{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.7rem .9rem;margin-bottom:1rem}"
        + ".card h3{font-size:.9rem;margin:.7rem 0 .3rem}"
        + "table.plain{width:100%;border-collapse:collapse}.plain th{text-align:left;font-weight:600;padding:.3rem .5rem .3rem 0;vertical-align:top;white-space:nowrap}"
        + ".plain td{padding:.3rem 0;vertical-align:top}.plain tr+tr>*{border-top:1px solid #edf0f3}"
        + ".feeds tr.stale th{color:var(--red)}.feeds .st{display:block;width:max-content;margin-top:.15rem}"
        + "ul.gaps,ul.outbox{margin:0;padding-left:1rem}ul.outbox li{margin-bottom:.25rem}"
        + ".ok{color:#2e7d32}.bad{color:var(--red)}.muted{color:var(--muted)}";
}
