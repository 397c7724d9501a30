using System.Text;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Escalation;
using AlertWorker.Warnings;
using AlertWorker.Web.Board;
using static AlertWorker.Web.WebPage;

namespace AlertWorker.Web.Duty;

/// <summary>The duty officer's pages as server-rendered HTML (zh-CN, English with <c>?lang=en</c>, like the
/// board): the phone/fax warning and drill form, what came of an entry or a cancel, the test message
/// search and its result.</summary>
public static class DutyPages
{
    /// <summary>Events offered while typing (CMA's 14 signal types, geohazard risk, flash flood, a drill); any text goes.</summary>
    private static readonly string[] Events =
    [
        "暴雨", "地质灾害气象风险", "山洪灾害", "台风", "暴雪", "寒潮", "大风", "沙尘暴", "高温", "干旱", "雷电", "冰雹", "霜冻", "大雾", "霾", "道路结冰",
        "地质灾害避险演练",
    ];

    private static readonly (string Value, Level Level)[] Levels =
        [("red", Level.Red), ("orange", Level.Orange), ("yellow", Level.Yellow), ("blue", Level.Blue)];

    public static string WarningForm(WarningEntryForm form, IReadOnlyList<FieldError> errors, bool exercise, DirectorySnapshot directory, BoardText t, string antiforgeryField)
    {
        var html = new StringBuilder();
        html.Append(exercise
                ? $"<h1>{Encode(t.T("开始演练", "Start a drill"))}</h1><p class=\"intro\">{Encode(t.T(
                    "演练按 CAP 状态 Exercise 走与正式预警相同的流程：按级别策略通知所选区域的责任人，每条消息以【演练】开头，看板在“演练”一栏单独显示并统计叫应。",
                    "A drill is CAP status Exercise and takes the same path as a real warning: the level's policy decides who in the chosen regions is told, every message starts with [EXERCISE], and the board shows it and its answers apart, under Drills."))}</p>"
                : $"<h1>{Encode(t.T("录入电话/传真预警", "Enter a warning received by phone or fax"))}</h1><p class=\"intro\">{Encode(t.T(
                    "录入后生成标准 CAP 1.2 预警，与数据源预警走同一流程：按级别策略通知所选区域的责任人，等待叫应，逾期升级。",
                    "It becomes a CAP 1.2 warning and takes the same path as a feed's: the level's policy decides who in the chosen regions is told, answers are awaited and silence escalates."))}</p>")
            .Append(Errors(errors, t))
            .Append($"<form method=\"post\" action=\"{(exercise ? DutyEndpoints.DrillsPath : DutyEndpoints.WarningsPath)}?lang={t.Lang}\" class=\"entry\">")
            .Append(antiforgeryField)
            .Append($"<input type=\"hidden\" name=\"identifier\" value=\"{Encode(form.Identifier)}\">")
            .Append($"<fieldset class=\"levels{Invalid(errors, "level")}\"><legend>{Encode(t.T("预警级别", "Level"))}</legend>");
        foreach (var (value, level) in Levels)
        {
            html.Append($"<label class=\"lvl lvl-{value}\"><input type=\"radio\" name=\"level\" value=\"{value}\" required{(form.Level == value ? " checked" : "")}>")
                .Append($"{Encode(t.Level(level))}</label>");
        }
        html.Append("</fieldset>")
            .Append(Input(t.T("预警类型", "Event"), "event", form.Event, errors, $"required maxlength=\"{WarningEntryForm.EventMaxLength}\" list=\"events\"",
                t.T("如：暴雨、地质灾害气象风险", "e.g. 暴雨 (rainstorm), 地质灾害气象风险 (geohazard risk)")))
            .Append("<datalist id=\"events\">").Append(string.Concat(Events.Select(e => $"<option value=\"{Encode(e)}\">"))).Append("</datalist>")
            .Append(Input(t.T("标题", "Headline"), "headline", form.Headline, errors, $"maxlength=\"{WarningEntryForm.HeadlineMaxLength}\"",
                t.T("可不填：默认为“类型+级别+预警”", "may be left empty: event, level and 预警")))
            .Append(TextArea(t.T("预警内容", "Description"), "description", form.Description, errors))
            .Append(TextArea(t.T("防御指引", "Instruction"), "instruction", form.Instruction, errors))
            .Append($"<fieldset class=\"regions{Invalid(errors, "regions")}\"><legend>{Encode(t.T("预警区域（可多选；选乡镇即含其下各村）", "Affected regions (several allowed; a township includes its villages)"))}</legend>")
            .Append(RegionTree(directory, form.Regions))
            .Append("</fieldset><div class=\"times\">")
            .Append(Input(t.T($"发布时间（{t.ZoneLabel}）", $"Sent ({t.ZoneLabel})"), "sent", form.Sent, errors, "type=\"datetime-local\" required", null))
            .Append(Input(t.T("有效至", "Expires"), "expires", form.Expires, errors, "type=\"datetime-local\" required", null))
            .Append("</div>")
            .Append(Input(t.T("预警来源（何单位、电话/传真、何人）", "Who it came from (office, phone or fax, name)"), "origin", form.Origin, errors,
                $"required maxlength=\"{WarningEntryForm.OriginMaxLength}\" placeholder=\"{Encode(t.T("县气象台 电话 张三", "county met office, phone, Zhang San"))}\"", null))
            .Append($"<button type=\"submit\">{Encode(exercise ? t.T("开始演练", "Start the drill") : t.T("录入并发布", "Enter and notify"))}</button></form>");
        return Shell(t, exercise ? t.T("开始演练", "Start a drill") : t.T("录入预警", "Enter a warning"), html.ToString());
    }

    /// <summary>What came of a warning or drill just entered, or of a cancel: the intake's action, whom it
    /// told (or released), and the next things to do.</summary>
    public static string Outcome(ManualIntakeResult result, DirectorySnapshot directory, BoardText t, string antiforgeryField)
    {
        var html = new StringBuilder();
        if (result.Outcome is not { } outcome)
        {
            html.Append($"<h1>{Encode(t.T("未能录入", "Not entered"))}</h1><p class=\"error\">{Encode(result.Error ?? "")}</p>");
            return Shell(t, t.T("未能录入", "Not entered"), html.ToString());
        }

        var warning = outcome.Warning;
        var info = warning.HighestInfo;
        var drill = warning.Status == WarningStatus.Exercise;
        var title = outcome.Action switch
        {
            WarningAction.Cancel => t.T("已发布解除", "Cancel issued"),
            WarningAction.Ignored when outcome.Reason == IgnoreReason.Duplicate => t.T("这张表单已经提交过", "This form was posted already"),
            WarningAction.Ignored => t.T("已记录，但没有通知任何人", "Kept, but nobody was told"),
            _ => drill ? t.T("演练已开始", "Drill started") : t.T("预警已录入并发布", "Warning entered"),
        };
        html.Append($"<h1 data-action=\"{Encode(ActionName(outcome.Action))}\">{Encode(title)}</h1>")
            .Append("<table class=\"facts\">")
            .Append(Fact(t.T("预警", "Warning"), $"{(drill ? t.T("【演练】", "[EXERCISE] ") : "")}{t.Level(warning.Level)} · {info?.Headline ?? info?.Event ?? ""}"))
            .Append(Fact(t.T("编号", "Key"), warning.Key))
            .Append(Fact(t.T("来源", "Came from"), ManualWarnings.Origin(warning) ?? ""))
            .Append(Fact(t.T("录入人", "Entered by"), ManualWarnings.EnteredBy(warning) ?? ""));
        if (outcome.Reason is { } reason) html.Append(Fact(t.T("原因", "Why"), Reason(reason, t)));
        html.Append("</table>");

        var people = directory.PeopleById;
        if (outcome.Action == WarningAction.Cancel)
        {
            html.Append($"<p>{Encode(t.T($"{outcome.Released.Count} 人将收到解除通知，未确认的叫应和升级随即停止。",
                $"{outcome.Released.Count} people get an all-clear; pending answers and escalations stop."))}</p>");
        }
        else if (outcome.Notices.Count > 0)
        {
            html.Append($"<p>{Encode(t.T($"按策略通知 {outcome.Recipients.Count} 人：", $"The policy tells {outcome.Recipients.Count} people:"))}</p>")
                .Append($"<table class=\"recipients\"><thead><tr><th>{Encode(t.T("姓名", "Name"))}</th><th>{Encode(t.T("角色", "Roles"))}</th>")
                .Append($"<th>{Encode(t.T("渠道", "Channels"))}</th><th>{Encode(t.T("隐患点", "Hazard points"))}</th></tr></thead><tbody>");
            foreach (var r in outcome.Recipients)
            {
                html.Append($"<tr data-person=\"{Encode(r.PersonId)}\"><td>{Encode(people.GetValueOrDefault(r.PersonId)?.Name ?? r.PersonId)} <small>{Encode(r.PersonId)}</small></td>")
                    .Append($"<td>{Encode(string.Join(t.T("、", ", "), r.Roles.Select(t.Role)))}</td>")
                    .Append($"<td>{Encode(string.Join(t.T("、", ", "), r.Channels.Select(t.Channel)))}</td>")
                    .Append($"<td>{Encode(r.HazardPoints.Count == 0 ? "—" : t.T($"{r.HazardPoints.Count} 处", $"{r.HazardPoints.Count}"))}</td></tr>");
            }
            html.Append("</tbody></table>");
        }

        html.Append("<p class=\"next\">")
            .Append($"<a href=\"/?lang={t.Lang}\">{Encode(t.T("返回值班看板", "Back to the duty board"))}</a>")
            .Append($" · <a href=\"{RecordLink(outcome.ChainKey)}\">{Encode(t.T("叫应记录（CSV）", "叫应 record (CSV)"))}</a>")
            .Append("</p>");
        if (outcome.Action is WarningAction.Notify or WarningAction.Update)
            html.Append(CancelForm(warning.Key, t, antiforgeryField));
        return Shell(t, title, html.ToString());
    }

    public static string CancelRefused(ManualCancelRefusal refusal, BoardText t) =>
        Shell(t, t.T("不能解除", "Cannot cancel"), $"<h1>{Encode(t.T("不能解除", "Cannot cancel"))}</h1><p class=\"error\">{Encode(refusal switch
        {
            ManualCancelRefusal.UnknownWarning => t.T("没有这条预警。", "There is no such warning."),
            ManualCancelRefusal.NotEnteredByHand => t.T("只有人工录入的预警和演练可以在这里解除；数据源的预警由其发布单位解除。",
                "Only warnings and drills entered by hand can be cancelled here; a feed's warning is cancelled by its issuer."),
            _ => t.T("这条预警已经解除。", "This warning is cancelled already."),
        })}</p><p><a href=\"/?lang={t.Lang}\">{Encode(t.T("返回值班看板", "Back to the duty board"))}</a></p>");

    /// <summary>The cancel button of a warning entered by hand (also on the board's card).</summary>
    public static string CancelForm(string key, BoardText t, string antiforgeryField) =>
        $"<form class=\"cancel\" method=\"post\" action=\"{DutyEndpoints.CancelPath}?lang={t.Lang}\""
        + $" onsubmit=\"return confirm('{Encode(t.T("确定解除此预警？已通知的人将收到解除通知。", "Cancel this warning? Everyone told gets an all-clear."))}')\">"
        + antiforgeryField
        + $"<input type=\"hidden\" name=\"key\" value=\"{Encode(key)}\">"
        + $"<button type=\"submit\">{Encode(t.T("解除此预警", "Cancel this warning"))}</button></form>";

    public static string RecordLink(string key) => $"/api/warnings/{Uri.EscapeDataString(key)}/record?format=csv";

    public static string TestMessage(string query, IReadOnlyList<Person> matches, IReadOnlyList<FieldError> errors, BoardText t, string antiforgeryField,
        DirectorySnapshot directory, Func<string> newIdentifier)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(t.T("发送测试消息", "Send a test message"))}</h1><p class=\"intro\">{Encode(t.T(
                "向一个人的一个渠道发送一条标明【测试】的消息，经与预警相同的发送队列发出（未配置服务商时写入本地发件箱），检验号码或邮箱是否可用。无需回复，不会升级。",
                "Sends one message marked [TEST] to one person over one of their channels, through the same sending queue as warnings (the local outbox when no provider is configured), to check the number or mailbox. No answer is expected and nothing escalates."))}</p>")
            .Append(Errors(errors, t))
            .Append($"<form method=\"get\" action=\"{DutyEndpoints.TestMessagePath}\" class=\"search\"><input type=\"hidden\" name=\"lang\" value=\"{t.Lang}\">")
            .Append($"<input name=\"q\" value=\"{Encode(query)}\" required autofocus aria-label=\"{Encode(t.T("姓名或编号", "Name or id"))}\" placeholder=\"{Encode(t.T("姓名或编号，如 张三、P-001", "name or id, e.g. P-001"))}\">")
            .Append($"<button type=\"submit\">{Encode(t.T("查找", "Search"))}</button></form>");
        if (query.Length > 0 && matches.Count == 0)
            html.Append($"<p class=\"empty\">{Encode(t.T($"名录中没有与“{query}”相符的人。", $"Nobody in the directory matches '{query}'."))}</p>");
        if (matches.Count > 0)
        {
            html.Append($"<table class=\"people\"><thead><tr><th>{Encode(t.T("姓名", "Name"))}</th><th>{Encode(t.T("所在区域", "Region"))}</th>")
                .Append($"<th>{Encode(t.T("联系方式", "Contact"))}</th><th>{Encode(t.T("发送测试", "Send a test"))}</th></tr></thead><tbody>");
            foreach (var person in matches)
            {
                var region = person.RegionCode is { } code ? directory.RegionsByCode.GetValueOrDefault(code)?.Name ?? code : "—";
                html.Append($"<tr data-person=\"{Encode(person.Id)}\"><td>{Encode(person.Name)} <small>{Encode(person.Id)}</small></td><td>{Encode(region)}</td>")
                    .Append($"<td>{Encode(string.Join(" · ", new[] { person.Phone, person.Email }.OfType<string>().Where(s => s.Length > 0)))}</td><td class=\"send\">");
                foreach (var channel in Channels.Reachable(person))
                {
                    html.Append($"<form method=\"post\" action=\"{DutyEndpoints.TestMessagePath}?lang={t.Lang}\">{antiforgeryField}")
                        .Append($"<input type=\"hidden\" name=\"identifier\" value=\"{Encode(newIdentifier())}\">")
                        .Append($"<input type=\"hidden\" name=\"personId\" value=\"{Encode(person.Id)}\">")
                        .Append($"<input type=\"hidden\" name=\"channel\" value=\"{channel.ToName()}\">")
                        .Append($"<button type=\"submit\" data-channel=\"{channel.ToName()}\">{Encode(t.Channel(channel))}</button></form>");
                }
                html.Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        return Shell(t, t.T("测试消息", "Test message"), html.ToString());
    }

    public static string TestQueued(Person person, Channel channel, bool queued, BoardText t) =>
        Shell(t, t.T("测试消息", "Test message"),
            $"<h1>{Encode(queued ? t.T("测试消息已排队发送", "Test message queued") : t.T("这条测试消息已经发过", "This test message was sent already"))}</h1>"
            + $"<p>{Encode(t.T($"{t.Channel(channel)} → {person.Name}（{person.Id}）。发送结果见值班看板的“发送通道与发件箱”和当日叫应记录。",
                $"{t.Channel(channel)} to {person.Name} ({person.Id}). What became of it shows in the board's channels and outbox and in the day's 叫应 record."))}</p>"
            + $"<p class=\"next\"><a href=\"/?lang={t.Lang}\">{Encode(t.T("返回值班看板", "Back to the duty board"))}</a>"
            + $" · <a href=\"{DutyEndpoints.TestMessagePath}?lang={t.Lang}\">{Encode(t.T("再发一条", "Send another"))}</a></p>");

    public static string NoConfiguration(BoardText t) =>
        Shell(t, t.T("没有有效的配置", "No valid configuration"),
            $"<h1>{Encode(t.T("没有有效的配置", "No valid configuration"))}</h1><p class=\"error\">{Encode(t.T(
                "名录和策略尚未成功加载，无法匹配区域和人员；请先修正配置文件（见 /healthz）。",
                "The directory and policy have not loaded, so nothing can be matched: fix the config folder first (see /healthz)."))}</p>");

    /// <summary>The regions of the directory as a tree of checkboxes, roots first, each under its parent, by code.</summary>
    private static string RegionTree(DirectorySnapshot directory, IReadOnlyList<string> chosen)
    {
        var picked = chosen.ToHashSet(StringComparer.Ordinal);
        var children = directory.Regions
            .Where(r => !string.IsNullOrEmpty(r.ParentCode) && directory.RegionsByCode.ContainsKey(r.ParentCode))
            .ToLookup(r => r.ParentCode!, StringComparer.Ordinal);
        var roots = directory.Regions.Where(r => string.IsNullOrEmpty(r.ParentCode) || !directory.RegionsByCode.ContainsKey(r.ParentCode));
        var html = new StringBuilder("<div class=\"tree\">");

        void Level(IEnumerable<Region> regions)
        {
            html.Append("<ul>");
            foreach (var region in regions.OrderBy(r => r.Code, StringComparer.Ordinal))
            {
                html.Append($"<li><label><input type=\"checkbox\" name=\"regions\" value=\"{Encode(region.Code)}\"{(picked.Contains(region.Code) ? " checked" : "")}>")
                    .Append($"{Encode(region.Name)} <small>{Encode(region.Code)}</small></label>");
                if (children[region.Code].Any()) Level(children[region.Code]);
                html.Append("</li>");
            }
            html.Append("</ul>");
        }

        Level(roots);
        return html.Append("</div>").ToString();
    }

    private static string Errors(IReadOnlyList<FieldError> errors, BoardText t) =>
        errors.Count == 0
            ? ""
            : "<ul class=\"errors\" role=\"alert\">"
                + string.Concat(errors.Select(e => $"<li data-field=\"{Encode(e.Field)}\">{Encode(t.T(e.Zh, e.En))}</li>"))
                + "</ul>";

    private static string Invalid(IReadOnlyList<FieldError> errors, string field) => errors.Any(e => e.Field == field) ? " invalid" : "";

    private static string Input(string label, string name, string value, IReadOnlyList<FieldError> errors, string attributes, string? hint) =>
        $"<label class=\"field{Invalid(errors, name)}\">{Encode(label)}"
        + $"<input name=\"{name}\" value=\"{Encode(value)}\" {attributes}>"
        + (hint is null ? "" : $"<small>{Encode(hint)}</small>")
        + "</label>";

    private static string TextArea(string label, string name, string value, IReadOnlyList<FieldError> errors) =>
        $"<label class=\"field{Invalid(errors, name)}\">{Encode(label)}"
        + $"<textarea name=\"{name}\" rows=\"3\" maxlength=\"{WarningEntryForm.TextMaxLength}\">{Encode(value)}</textarea></label>";

    private static string Fact(string label, string value) => $"<tr><th>{Encode(label)}</th><td>{Encode(value)}</td></tr>";

    private static string ActionName(WarningAction action) => action.ToString().ToLowerInvariant();

    private static string Reason(IgnoreReason reason, BoardText t) => reason switch
    {
        IgnoreReason.Duplicate => t.T("这张表单已经提交过，没有重复录入。", "This form was posted already: nothing was entered twice."),
        IgnoreReason.BelowPolicy => t.T("策略（policy.yaml）中该级别不通知任何人。", "The policy (policy.yaml) tells nobody at this level."),
        IgnoreReason.NoRecipients => t.T("所选区域内没有该级别需要通知的人。", "Nobody in the chosen regions is told at this level."),
        IgnoreReason.Expired => t.T("有效期已过。", "It has expired."),
        _ => reason.ToString(),
    };

    private static string Shell(BoardText t, string title, string body)
    {
        var nav = new StringBuilder("<nav>")
            .Append($"<a href=\"/?lang={t.Lang}\">{Encode(t.T("值班看板", "Duty board"))}</a>")
            .Append($"<a href=\"{DutyEndpoints.NewWarningPath}?lang={t.Lang}\">{Encode(t.T("录入预警", "Enter a warning"))}</a>")
            .Append($"<a href=\"{DutyEndpoints.NewDrillPath}?lang={t.Lang}\">{Encode(t.T("开始演练", "Start a drill"))}</a>")
            .Append($"<a href=\"{DutyEndpoints.TestMessagePath}?lang={t.Lang}\">{Encode(t.T("测试消息", "Test message"))}</a>")
            .Append($"<a href=\"{RecordEndpoints.DayPath}\">{Encode(t.T("今日叫应记录", "Today's 叫应 record"))}</a>")
            .Append("</nav>");
        return "<!DOCTYPE html>"
            + $"<html lang=\"{(t.English ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
            + $"<title>{Encode(title)} - AlertWorker</title><style>{Style}</style></head><body>{nav}<main>{body}</main></body></html>";
    }

    private const string Style =
        "body{margin:0;background:#eef1f4;color:#1d2733;font:14px/1.5 'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif}"
        + "nav{display:flex;gap:1.2rem;background:#1f2d3d;padding:.6rem 1.2rem}nav a{color:#cfe3ff;text-decoration:none}nav a:first-child{color:#fff;font-weight:700}"
        + "main{max-width:56rem;margin:1rem auto;background:#fff;border:1px solid #dde2e8;border-radius:4px;padding:1rem 1.5rem 1.5rem}"
        + "h1{font-size:1.3rem;margin:.2rem 0 .6rem}.intro{color:#44505c}"
        + "label.field{display:block;margin:.7rem 0;font-weight:600}label.field small{display:block;font-weight:400;color:#66707c}"
        + "input:not([type=checkbox]):not([type=radio]),textarea{display:block;width:100%;box-sizing:border-box;padding:.4rem;font:inherit;font-weight:400;border:1px solid #b0bac5;border-radius:3px}"
        + "fieldset{border:1px solid #dde2e8;border-radius:4px;margin:.7rem 0}legend{font-weight:600}"
        + ".invalid input,.invalid textarea,fieldset.invalid{border-color:#c62828;background:#fff6f6}"
        + ".levels label{display:inline-block;margin-right:.6rem;padding:.25rem .7rem;border-radius:3px;color:#fff;font-weight:700;cursor:pointer}"
        + ".lvl-red{background:#c62828}.lvl-orange{background:#e65100}.lvl-yellow{background:#f9a825;color:#3e2c00!important}.lvl-blue{background:#1565c0}"
        + ".tree{max-height:20rem;overflow:auto}.tree ul{list-style:none;margin:0;padding-left:1.2rem}.tree small,td small{color:#66707c}"
        + ".times{display:grid;grid-template-columns:1fr 1fr;gap:1rem}"
        + "button{margin-top:.8rem;padding:.45rem 1.2rem;border:0;border-radius:3px;background:#1565c0;color:#fff;font:inherit;cursor:pointer}"
        + "form.cancel button{background:#6d4c41}td.send form{display:inline}td.send button{margin:0 .3rem 0 0;padding:.2rem .7rem}"
        + "form.search{display:flex;gap:.5rem;align-items:center}form.search button{margin:0;white-space:nowrap}"
        + "table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border-bottom:1px solid #edf0f3;padding:.35rem .5rem;text-align:left;vertical-align:top}"
        + "table.facts th{width:7rem;color:#44505c}"
        + ".errors{background:#fdecea;border:1px solid #c62828;border-radius:4px;padding:.5rem 1.5rem;color:#8e0000}.error{color:#b00020}.empty{color:#66707c}";
}
