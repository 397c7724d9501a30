using System.Data.Common;
using System.Security.Claims;
using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using AlertWorker.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace AlertWorker.Web;

/// <summary>The authorization policies of the web port; names as in SPEC §9.</summary>
public static class WebPolicies
{
    /// <summary>A duty officer or an admin.</summary>
    public const string DutyOfficer = "duty-officer";
    public const string Admin = "admin";
}

public static class WebLoginRegistration
{
    /// <summary>Same for every instance and install path, so that they share one key ring.</summary>
    public const string DataProtectionApplicationName = "AlertWorker";

    /// <summary>
    /// Login (cookie, users of <c>users.yaml</c>), the role policies, antiforgery, the Data Protection
    /// key ring in the database and the answer links built on it. Everything but the endpoints that
    /// are marked <c>AllowAnonymous</c> needs a logged-in user. Call after <c>AddStorage</c>.
    /// </summary>
    public static IHostApplicationBuilder AddWebLogin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebLoginOptions>()
            .Bind(builder.Configuration.GetSection(WebLoginOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LoginAttemptStore>();

        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DbDataSource, TimeProvider>(
            (options, database, time) => options.XmlRepository = new SqlDataProtectionKeyStore(database, time));
        builder.Services.AddSingleton<AnswerLinkIssuer>();
        builder.Services.AddSingleton<IAnswerLinkIssuer>(sp => sp.GetRequiredService<AnswerLinkIssuer>());
        builder.Services.AddSingleton<IAnswerTargetStore, SqlAnswerTargetStore>();

        builder.Services.AddAntiforgery(options => options.Cookie.Name = "AlertWorker.Antiforgery");
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<WebLoginOptions>>(ConfigureCookie);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(WebPolicies.DutyOfficer, policy => policy.RequireRole(WebRoles.DutyOfficer, WebRoles.Admin))
            .AddPolicy(WebPolicies.Admin, policy => policy.RequireRole(WebRoles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Authentication, authorization and antiforgery in the pipeline, and the login, answer-link and confirm endpoints.</summary>
    public static WebApplication UseWebLogin(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapLogin();
        app.MapAnswerLinks();
        app.MapConfirmOnBehalf();
        return app;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, IOptions<WebLoginOptions> login)
    {
        options.Cookie.Name = "AlertWorker.Session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = LoginEndpoints.LoginPath;
        options.LogoutPath = LoginEndpoints.LogoutPath;
        options.ExpireTimeSpan = login.Value.SessionLifetime;
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        options.Events.OnValidatePrincipal = ValidateUser;
    }

    /// <summary>The JSON API answers 401/403; a page sends the browser to the login form (access denied: 403, no page of its own).</summary>
    private static Task Challenge(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        if (statusCode == StatusCodes.Status401Unauthorized && !context.Request.Path.StartsWithSegments("/api"))
            context.Response.Redirect(context.RedirectUri);
        else
            context.Response.StatusCode = statusCode;
        return Task.CompletedTask;
    }

    /// <summary>A user removed from <c>users.yaml</c>, or whose roles changed, is logged out at the next request.</summary>
    private static Task ValidateUser(CookieValidatePrincipalContext context)
    {
        var live = context.HttpContext.RequestServices.GetRequiredService<LiveConfig>();
        var principal = context.Principal;
        var user = LoginEndpoints.FindUser(live, principal?.Identity?.Name);
        var roles = principal?.FindAll(ClaimTypes.Role).Select(c => c.Value).Order().ToList() ?? [];
        if (user is null || !user.Roles.Order().SequenceEqual(roles))
            context.RejectPrincipal();
        return Task.CompletedTask;
    }
}
