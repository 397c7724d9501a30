using System.Security.Claims;
using AlertWorker.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AlertWorker.Web;

/// <summary><c>GET /login</c>, <c>POST /login</c>, <c>POST /logout</c>: cookie login for the users of <c>users.yaml</c>.</summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string DisplayNameClaim = "display_name";

    /// <summary>Verified when the name is unknown, so that an unknown name takes as long as a wrong password.</summary>
    private static readonly WebUser Nobody = new("", "", [], WebPasswords.Hash(Guid.NewGuid().ToString()));

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage(context, antiforgery, returnUrl, error: null, StatusCodes.Status200OK)).AllowAnonymous();
        app.MapPost(LoginPath, LogInAsync).AllowAnonymous().RequireAntiforgeryToken();
        app.MapPost(LogoutPath, async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        }).AllowAnonymous().RequireAntiforgeryToken();
        return app;
    }

    public static WebUser? FindUser(LiveConfig live, string? name) =>
        live.Current?.Config.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> LogInAsync(
        HttpContext context, IAntiforgery antiforgery, LiveConfig live, LoginAttemptStore attempts, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(LoginEndpoints));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();

        if (attempts.LockedUntil(name) is { } lockedUntil)
            return Locked(context, antiforgery, returnUrl, lockedUntil - time.GetUtcNow());

        var user = FindUser(live, name);
        if (!WebPasswords.Verify(user ?? Nobody, password) || user is null)
        {
            if (user is not null && attempts.RecordFailure(user.Name) is { } until)
            {
                logger.LogWarning("Login of {UserName} locked until {LockedUntil} after repeated wrong passwords", user.Name, until);
                return Locked(context, antiforgery, returnUrl, until - time.GetUtcNow());
            }
            return LoginPage(context, antiforgery, returnUrl,
                WebPage.Bilingual("用户名或密码不正确。", "Wrong user name or password.", "error"), StatusCodes.Status401Unauthorized);
        }

        attempts.RecordSuccess(user.Name);
        Claim[] claims =
        [
            new(ClaimTypes.Name, user.Name),
            new(DisplayNameClaim, user.DisplayName),
            .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        logger.LogInformation("User {UserName} logged in", user.Name);
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static IResult Locked(HttpContext context, IAntiforgery antiforgery, string returnUrl, TimeSpan left)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(left.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return LoginPage(context, antiforgery, returnUrl,
            WebPage.Bilingual($"密码错误次数过多，账户已锁定，请 {minutes} 分钟后再试。",
                $"Too many wrong passwords: the account is locked; try again in {minutes} minutes.", "error"),
            StatusCodes.Status429TooManyRequests);
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int statusCode) =>
        WebPage.Html("登录 / Sign in - AlertWorker",
            "<h1>AlertWorker 登录 <span class=\"en\">/ Sign in</span></h1>"
            + (error ?? "")
            + "<form method=\"post\">"
            + "<label>用户名 <span class=\"en\">/ User name</span><input name=\"userName\" autocomplete=\"username\" required autofocus></label>"
            + "<label>密码 <span class=\"en\">/ Password</span><input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>"
            + $"<input type=\"hidden\" name=\"returnUrl\" value=\"{WebPage.Encode(IsLocal(returnUrl) ? returnUrl! : "")}\">"
            + WebPage.AntiforgeryField(antiforgery, context)
            + "<button type=\"submit\">登录 / Sign in</button></form>",
            statusCode);

    /// <summary>Only a path on this site may be returned to (no open redirect).</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
