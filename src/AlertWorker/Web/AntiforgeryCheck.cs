using Microsoft.AspNetCore.Antiforgery;

namespace AlertWorker.Web;

/// <summary>The antiforgery token (form field plus cookie) that every form post must carry (SPEC §9).</summary>
public static class AntiforgeryCheck
{
    public static Task<bool> IsValidAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);

    /// <summary>Refuses a post without a valid token with 400, before the endpoint runs.</summary>
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) => await IsValidAsync(invocation.HttpContext)
            ? await next(invocation)
            : Refused());

    public static IResult Refused() =>
        WebPage.Refusal(StatusCodes.Status400BadRequest, "表单已过期或来源不明，请返回重试。", "The form has expired or did not come from this site; go back and try again.");
}
