using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Warnings;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace AlertWorker.Web;

/// <summary>
/// The page an email's answer link opens (SPEC §7). <c>GET /a/{token}</c> only shows the warning and
/// a button: mail scanners fetch links, so a GET never answers. <c>POST /a/{token}</c> (the button,
/// with its antiforgery token) records the person's answer. A forged token gets 400, an expired one
/// 410, and nothing changes.
/// </summary>
public static class AnswerLinkEndpoints
{
    public static IEndpointRouteBuilder MapAnswerLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup(AnswerLinkIssuer.PathPrefix.TrimEnd('/')).AllowAnonymous();
        links.MapGet("/{token}", ShowAsync);
        links.MapPost("/{token}", AnswerAsync).RequireAntiforgeryToken();
        return app;
    }

    private static async Task<IResult> ShowAsync(
        string token, HttpContext context, AnswerLinkIssuer issuer, IAntiforgery antiforgery, IAnswerTargetStore targets, CancellationToken ct)
    {
        if (await FindAsync(token, issuer, targets, ct) is not { } target)
            return Refusal(issuer.Read(token).Status);
        if (target.AnsweredAt is not null)
            return AlreadyAnswered(target);
        return WebPage.Html("确认收到 / Confirm receipt",
            Warning(target)
            + WebPage.Bilingual("请点击下面的按钮，确认您已收到这条预警。", "Press the button below to confirm that you have received this warning.")
            + "<form method=\"post\">" + WebPage.AntiforgeryField(antiforgery, context)
            + "<button type=\"submit\">确认收到 / Confirm receipt</button></form>");
    }

    private static async Task<IResult> AnswerAsync(
        string token, AnswerLinkIssuer issuer, IAnswerTargetStore targets, [FromServices] IAcknowledgementStore acknowledgements,
        TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        if (await FindAsync(token, issuer, targets, ct) is not { } target)
            return Refusal(issuer.Read(token).Status);
        var result = await acknowledgements.AcknowledgeAsync(target.NotificationId, AnswerMethod.Email, target.PersonId, null, time.GetUtcNow(), ct);
        loggers.CreateLogger(typeof(AnswerLinkEndpoints)).LogInformation(
            "Answer link of notification {NotificationId} for {PersonId} posted: {AcknowledgeResult}", target.NotificationId, target.PersonId, result);
        return result switch
        {
            AcknowledgeResult.Acknowledged => WebPage.Html("谢谢 / Thank you",
                Warning(target) + WebPage.Bilingual("谢谢，您的确认已记录。", "Thank you: your confirmation has been recorded.")),
            AcknowledgeResult.AlreadyAnswered => AlreadyAnswered(target),
            _ => Refusal(AnswerLinkStatus.Invalid),
        };
    }

    /// <summary>The notification of a valid token, or null when the token is not valid or names no notification.</summary>
    private static async Task<AnswerTarget?> FindAsync(string token, AnswerLinkIssuer issuer, IAnswerTargetStore targets, CancellationToken ct) =>
        issuer.Read(token) is { Status: AnswerLinkStatus.Valid, NotificationId: var id } ? await targets.FindAsync(id, ct) : null;

    private static IResult AlreadyAnswered(AnswerTarget target) =>
        WebPage.Html("已确认 / Already confirmed",
            Warning(target) + WebPage.Bilingual("这条预警已经确认过了，无需再次确认。", "This warning has already been confirmed; nothing more to do."));

    private static IResult Refusal(AnswerLinkStatus status) => status == AnswerLinkStatus.Expired
        ? WebPage.Refusal(StatusCodes.Status410Gone, "此确认链接已过期，请回复短信或致电值班室确认。",
            "This link has expired: answer by SMS or call the duty office.")
        : WebPage.Refusal(StatusCodes.Status400BadRequest, "此确认链接无效，请使用邮件中的完整链接，或致电值班室。",
            "This link is not valid: use the whole link from the email, or call the duty office.");

    private static string Warning(AnswerTarget target) =>
        $"<h1>{(target.Exercise ? "【演练】[EXERCISE] " : "")}{WebPage.Encode(string.Join(" / ", target.Headlines))}</h1>"
        + WebPage.Bilingual($"预警级别：{LevelName(target.Level).Zh}", $"Level: {LevelName(target.Level).En}");

    private static (string Zh, string En) LevelName(Level level) => level switch
    {
        Level.Red => ("红色", "red"),
        Level.Orange => ("橙色", "orange"),
        Level.Yellow => ("黄色", "yellow"),
        Level.Blue => ("蓝色", "blue"),
        _ => ("未定级", "none"),
    };
}
