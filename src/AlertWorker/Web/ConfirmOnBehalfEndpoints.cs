using System.Text.Json;
using AlertWorker.Acknowledgement;
using Microsoft.AspNetCore.Mvc;

namespace AlertWorker.Web;

/// <summary>
/// <c>POST /api/notifications/{id}/confirm</c> (SPEC §7): a duty officer confirms a notification on
/// its person's behalf after reaching them, with a note saying who called whom and when. JSON
/// (<c>{"note": "..."}</c>) or a form post (which must carry its antiforgery token).
/// </summary>
public static class ConfirmOnBehalfEndpoints
{
    public sealed record ConfirmRequest(string? Note);

    public sealed record ConfirmResponse(long NotificationId, string Result, string By, DateTimeOffset At);

    public static IEndpointRouteBuilder MapConfirmOnBehalf(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/notifications/{id:long}/confirm", ConfirmAsync).RequireAuthorization(WebPolicies.DutyOfficer);
        return app;
    }

    private static async Task<IResult> ConfirmAsync(
        long id, HttpContext context, [FromServices] IAcknowledgementStore acknowledgements, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        string? note;
        if (context.Request.HasJsonContentType())
        {
            try
            {
                note = (await context.Request.ReadFromJsonAsync<ConfirmRequest>(ct))?.Note;
            }
            catch (JsonException)
            {
                return Results.Problem("the body is not JSON of the form {\"note\": \"...\"}", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        else if (context.Request.HasFormContentType)
        {
            if (!await AntiforgeryCheck.IsValidAsync(context))
                return AntiforgeryCheck.Refused();
            note = (await context.Request.ReadFormAsync(ct))["note"].ToString();
        }
        else
        {
            return Results.Problem("send JSON {\"note\": \"...\"} or a form with a note", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (string.IsNullOrWhiteSpace(note))
            return Results.Problem("a note is required: who called whom, and when", statusCode: StatusCodes.Status400BadRequest);

        var by = context.User.Identity?.Name ?? throw new InvalidOperationException("the duty-officer policy let through a user without a name");
        var at = time.GetUtcNow();
        var result = await acknowledgements.AcknowledgeAsync(id, AnswerMethod.OnBehalf, by, note.Trim(), at, ct);
        loggers.CreateLogger(typeof(ConfirmOnBehalfEndpoints)).LogInformation(
            "Notification {NotificationId} confirmed on behalf by {UserName}: {AcknowledgeResult}", id, by, result);
        return result switch
        {
            AcknowledgeResult.Acknowledged => Results.Ok(new ConfirmResponse(id, "acknowledged", by, at)),
            AcknowledgeResult.AlreadyAnswered => Results.Ok(new ConfirmResponse(id, "alreadyAnswered", by, at)),
            _ => Results.Problem($"no notification {id} waiting for an answer", statusCode: StatusCodes.Status404NotFound),
        };
    }
}
