using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AlertWorker.Web.Board;

/// <summary>
/// The duty board (SPEC §9): <c>GET /</c> the page, <c>GET /board/fragment</c> what htmx polls,
/// <c>GET /board/htmx.min.js</c> htmx itself (served from the binary: no CDN, no build chain).
/// Confirmations on behalf post to <c>POST /api/notifications/{id}/confirm</c>. Duty officers and admins only.
/// </summary>
public static class BoardEndpoints
{
    private const string ScriptResource = "AlertWorker.Web.Board.htmx.min.js";

    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"the embedded resource {ScriptResource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The board's store and loader; htmx polls that meet an expired login send the window to the
    /// login page, and a page the user's roles do not open says so (403).</summary>
    public static IHostApplicationBuilder AddBoard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IBoardStore, SqlBoardStore>();
        builder.Services.AddSingleton<BoardLoader>();
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context => IsHtmx(context.Request) ? RedirectHtmxToLogin(context) : toLogin(context);
            var denied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = context => context.Request.Path.StartsWithSegments("/api") ? denied(context) : DeniedPageAsync(context);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapBoard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext context, BoardLoader loader, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var (view, text, field) = await LoadAsync(context, loader, antiforgery, ct);
            var displayName = context.User.FindFirst(LoginEndpoints.DisplayNameClaim)?.Value ?? view.UserName;
            return Html(BoardPage.Page(view, text, field, displayName));
        }).RequireAuthorization(WebPolicies.DutyOfficer);

        app.MapGet(BoardPage.FragmentPath, async (HttpContext context, BoardLoader loader, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var (view, text, field) = await LoadAsync(context, loader, antiforgery, ct);
            return Html(BoardPage.Fragment(view, text, field));
        }).RequireAuthorization(WebPolicies.DutyOfficer);

        app.MapGet(BoardPage.ScriptPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "private, max-age=86400";
            return Results.Bytes(Script.Value, "text/javascript; charset=utf-8");
        }).RequireAuthorization(WebPolicies.DutyOfficer);
        return app;
    }

    private static async Task<(BoardView View, BoardText Text, string AntiforgeryField)> LoadAsync(
        HttpContext context, BoardLoader loader, IAntiforgery antiforgery, CancellationToken ct)
    {
        var user = context.User.Identity?.Name ?? throw new InvalidOperationException("the duty-officer policy let through a user without a name");
        var view = await loader.LoadAsync(user, ct);
        context.Response.Headers.CacheControl = "no-store";
        return (view, new BoardText(BoardText.WantsEnglish(context), loader.Zone, view.Now), WebPage.AntiforgeryField(antiforgery, context));
    }

    /// <summary>A page the user's roles do not open: 403 with a page that says so, not a browser error.</summary>
    private static Task DeniedPageAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        WebPage.Refusal(StatusCodes.Status403Forbidden, "您的账户无权打开此页面。", "Your account may not open this page.")
            .ExecuteAsync(context.HttpContext);

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static bool IsHtmx(HttpRequest request) => request.Headers["HX-Request"] == "true";

    /// <summary>
    /// An htmx request cannot follow a redirect to the login page (it would swap the login form into the
    /// board): it gets 401 with <c>HX-Redirect</c>, and htmx sends the whole window to the login page,
    /// which returns to the page the user was on.
    /// </summary>
    private static Task RedirectHtmxToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var current = Uri.TryCreate(context.Request.Headers["HX-Current-URL"].ToString(), UriKind.Absolute, out var url)
            ? url.PathAndQuery
            : "/";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers["HX-Redirect"] = $"{LoginEndpoints.LoginPath}?returnUrl={Uri.EscapeDataString(current)}";
        return Task.CompletedTask;
    }
}
