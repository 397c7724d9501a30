using AlertWorker.Configuration;
using AlertWorker.Directory;
using AlertWorker.Storage;
using AlertWorker.Web.Board;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AlertWorker.Web.Admin;

/// <summary>
/// The admin pages (SPEC §4, §9), admins only: <c>GET /admin</c> the directory version in force, the
/// problems of a broken config folder and the policy; <c>/admin/directory/{table}</c> list and search,
/// <c>…/edit</c> edit, add or remove one row, <c>…/export</c> the table as CSV; <c>/admin/import</c> a CSV
/// file previewed (changes and problems by line) before it is applied; <c>/admin/audit</c> every change.
/// Every change goes through <see cref="DirectoryEditor"/>: checked like <c>check-config</c>, stored as a
/// new directory version with its audit rows, in force at once.
/// </summary>
public static class AdminEndpoints
{
    public const string Path = "/admin";
    public const string ImportPath = "/admin/import";
    public const string AuditPath = "/admin/audit";

    /// <summary>The largest CSV file an admin imports (a province's people.csv is about 60 MB).</summary>
    private const int MaxImportBytes = 128 * 1024 * 1024;

    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DirectoryEditor>();
        builder.Services.AddSingleton<Texts>();
        // the previewed file goes back to the server in a hidden field when the admin applies it
        builder.Services.Configure<FormOptions>(o => (o.ValueLengthLimit, o.MultipartBodyLengthLimit) = (MaxImportBytes, MaxImportBytes));
        return builder;
    }

    public static string TablePath(DirectoryTable table) => $"/admin/directory/{table.Name}";

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Path).RequireAuthorization(WebPolicies.Admin);

        admin.MapGet("", (HttpContext context, LiveConfig live, Texts texts) =>
            Html(AdminPages.Overview(live, texts.For(context))));

        admin.MapGet("/directory/{table}", (string table, string? q, int? page, long? saved, HttpContext context, LiveConfig live, Texts texts) =>
            DirectoryTables.Find(table) is { } found
                ? Html(AdminPages.List(live, found, q ?? "", Math.Max(page ?? 1, 1), saved, texts.For(context)))
                : NoSuchTable(table));

        admin.MapGet("/directory/{table}/edit", (string table, string? key, HttpContext context, LiveConfig live, IAntiforgery antiforgery, Texts texts) =>
        {
            if (DirectoryTables.Find(table) is not { } found) return NoSuchTable(table);
            if (live.Current is not { } current) return Html(AdminPages.NoDirectory(texts.For(context)));
            IReadOnlyList<string>? row = key is null
                ? null
                : DirectoryTables.Rows(found, current.Config.Directory).FirstOrDefault(r => found.Key(r) == key);
            if (key is not null && row is null) return Results.NotFound($"no row '{key}' in {found.FileName}");
            var form = new AdminPages.RowForm(found, key, row ?? [.. found.Columns.Select(_ => "")], current.DirectoryVersion, []);
            return Html(AdminPages.Edit(form, WebPage.AntiforgeryField(antiforgery, context), texts.For(context)));
        });

        admin.MapPost("/directory/{table}/edit", SaveRowAsync).RequireAntiforgeryToken();

        admin.MapGet("/directory/{table}/export", (string table, LiveConfig live) =>
        {
            if (DirectoryTables.Find(table) is not { } found) return NoSuchTable(table);
            if (live.Current is not { } current) return Results.Problem("no valid configuration is loaded", statusCode: StatusCodes.Status503ServiceUnavailable);
            return Results.File(DirectoryTables.CsvBytes(found, DirectoryTables.Rows(found, current.Config.Directory)),
                "text/csv; charset=utf-8", found.FileName);
        });

        admin.MapGet("/import", (string? table, HttpContext context, LiveConfig live, IAntiforgery antiforgery, Texts texts) =>
            Html(AdminPages.Import(live, null, WebPage.AntiforgeryField(antiforgery, context), texts.For(context), table)));

        // Kestrel's default body limit (30 MB) would refuse a province's people.csv
        admin.MapPost("/import", PreviewImportAsync).RequireAntiforgeryToken().WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        admin.MapPost("/import/apply", ApplyImportAsync).RequireAntiforgeryToken().WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));

        admin.MapGet("/audit", async (long? before, long? applied, HttpContext context, IDirectoryVersionStore versions, Texts texts, CancellationToken ct) =>
            Html(AdminPages.Audit(await versions.ListChangesAsync(AdminPages.AuditPageSize, before, ct), applied, texts.For(context))));
        return app;
    }

    private static async Task<IResult> SaveRowAsync(
        string table, HttpContext context, DirectoryEditor editor, LiveConfig live, IAntiforgery antiforgery, Texts texts, CancellationToken ct)
    {
        if (DirectoryTables.Find(table) is not { } found) return NoSuchTable(table);
        var form = await context.Request.ReadFormAsync(ct);
        var key = form["key"].ToString() is { Length: > 0 } k ? k : null;
        var remove = form["action"] == "delete";
        var row = found.Columns.Select(c => form[c].ToString().Trim()).ToArray();
        if (!long.TryParse(form["baseVersion"], out var baseVersion)) return Results.BadRequest("baseVersion is missing");
        var text = editor.TextWithRow(found, key, remove ? null : row);
        var t = texts.For(context);
        if (text is null)
            return Html(AdminPages.Message(t, t.T($"要修改的行 {key} 已不在 {found.FileName} 中（可能已被他人修改或删除）。",
                $"The row {key} is no longer in {found.FileName} (someone else changed or removed it)."), TablePath(found)), StatusCodes.Status409Conflict);

        var result = await editor.ApplyAsync(found, text, baseVersion, User(context), ct);
        if (result.Outcome is EditOutcome.Applied or EditOutcome.Unchanged)
            return Results.Redirect($"{TablePath(found)}?saved={result.Version}");
        var again = new AdminPages.RowForm(found, key, row, live.Current?.DirectoryVersion ?? baseVersion, result.Proposal?.Problems ?? []);
        return Html(AdminPages.Edit(again, WebPage.AntiforgeryField(antiforgery, context), t, result.Outcome),
            result.Outcome == EditOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> PreviewImportAsync(
        HttpContext context, DirectoryEditor editor, LiveConfig live, IAntiforgery antiforgery, Texts texts, CancellationToken ct)
    {
        var t = texts.For(context);
        var field = WebPage.AntiforgeryField(antiforgery, context);
        var form = await context.Request.ReadFormAsync(ct);
        if (DirectoryTables.Find(form["table"].ToString()) is not { } table)
            return Html(AdminPages.Import(live, AdminPages.ImportRefusal(t, t.T("请选择要导入的表。", "Choose the table to import.")), field, t), StatusCodes.Status400BadRequest);
        if (form.Files["file"] is not { Length: > 0 } file)
            return Html(AdminPages.Import(live, AdminPages.ImportRefusal(t, t.T("请选择一个 CSV 文件。", "Choose a CSV file.")), field, t), StatusCodes.Status400BadRequest);

        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, ct);
        var problems = new List<ConfigProblem>();
        var text = ConfigFileReader.Decode(bytes.ToArray(), table.File, problems);
        var proposal = text is null ? null : editor.Propose(table, text);
        if (text is not null && proposal is null) return Html(AdminPages.NoDirectory(t));
        return Html(AdminPages.ImportPreview(table, file.FileName, text, proposal, problems, field, t));
    }

    private static async Task<IResult> ApplyImportAsync(
        HttpContext context, DirectoryEditor editor, LiveConfig live, IAntiforgery antiforgery, Texts texts, CancellationToken ct)
    {
        var t = texts.For(context);
        var form = await context.Request.ReadFormAsync(ct);
        if (DirectoryTables.Find(form["table"].ToString()) is not { } table || !long.TryParse(form["baseVersion"], out var baseVersion))
            return Results.BadRequest("table or baseVersion is missing");
        var result = await editor.ApplyAsync(table, form["content"].ToString(), baseVersion, User(context), ct);
        if (result.Outcome is EditOutcome.Applied)
            return Results.Redirect($"{AuditPath}?applied={result.Version}");
        var field = WebPage.AntiforgeryField(antiforgery, context);
        var refusal = result.Outcome switch
        {
            EditOutcome.Stale => t.T($"预览之后名录已有更新（现为版本 {result.Version}），未做任何更改；请重新上传并预览。",
                $"The directory changed after the preview (now version {result.Version}); nothing was applied. Upload and preview again."),
            EditOutcome.Unchanged => t.T("文件与现行名录相同，未做任何更改。", "The file holds what is in force already; nothing was changed."),
            EditOutcome.NoDirectory => t.T("没有有效的配置。", "No valid configuration is loaded."),
            _ => t.T("文件有问题，未做任何更改。", "The file has problems; nothing was applied."),
        };
        return Html(AdminPages.Import(live, AdminPages.ImportRefusal(t, refusal), field, t), StatusCodes.Status409Conflict);
    }

    private static string User(HttpContext context) =>
        context.User.Identity?.Name ?? throw new InvalidOperationException("the admin policy let through a user without a name");

    private static IResult NoSuchTable(string table) =>
        Results.NotFound($"no directory table '{table}' (use {string.Join(", ", DirectoryTables.All.Select(t => t.Name))})");

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", null, status);

    /// <summary>The pages' words and times for a request: its language, the configured zone, now.</summary>
    public sealed class Texts(IOptions<AlertWorkerOptions> options, TimeProvider time)
    {
        public BoardText For(HttpContext context) => new(BoardText.WantsEnglish(context), options.Value.Zone, time.GetUtcNow());
    }
}
