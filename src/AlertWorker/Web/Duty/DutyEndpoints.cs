using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Warnings;
using AlertWorker.Web.Board;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace AlertWorker.Web.Duty;

/// <summary>
/// What a duty officer does besides watching the board (duty-officer policy; admins too; every post
/// carries its antiforgery token):
/// <c>GET /duty/warnings/new</c> and <c>POST /duty/warnings</c> enter a warning received by phone or fax,
/// <c>GET /duty/drills/new</c> and <c>POST /duty/drills</c> start a drill (CAP status Exercise), both
/// through the feeds' intake (<see cref="ManualWarningIntake"/>); <c>POST /duty/warnings/cancel</c>
/// cancels one of them (CAP Cancel); <c>GET /duty/test-message?q=</c> finds a person and
/// <c>POST /duty/test-message</c> queues a test message to them (<see cref="TestMessages"/>).
/// A form with bad fields comes back with one line per field (400) and nothing is stored.
/// </summary>
public static class DutyEndpoints
{
    public const string NewWarningPath = "/duty/warnings/new";
    public const string NewDrillPath = "/duty/drills/new";
    public const string WarningsPath = "/duty/warnings";
    public const string DrillsPath = "/duty/drills";
    public const string CancelPath = "/duty/warnings/cancel";
    public const string TestMessagePath = "/duty/test-message";

    /// <summary>How many people a test-message search lists at most.</summary>
    public const int SearchLimit = 30;

    public static IHostApplicationBuilder AddDuty(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DutyContext>();
        builder.Services.AddSingleton<ManualWarningIntake>();
        builder.Services.AddSingleton<TestMessages>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDuty(this IEndpointRouteBuilder app)
    {
        var duty = app.MapGroup("").RequireAuthorization(WebPolicies.DutyOfficer);
        duty.MapGet(NewWarningPath, (HttpContext context, DutyContext request) => NewForm(context, request, exercise: false));
        duty.MapGet(NewDrillPath, (HttpContext context, DutyContext request) => NewForm(context, request, exercise: true));
        duty.MapPost(WarningsPath, (HttpContext context, DutyContext request, ManualWarningIntake intake) => EnterAsync(context, request, intake, exercise: false))
            .RequireAntiforgeryToken();
        duty.MapPost(DrillsPath, (HttpContext context, DutyContext request, ManualWarningIntake intake) => EnterAsync(context, request, intake, exercise: true))
            .RequireAntiforgeryToken();
        duty.MapPost(CancelPath, CancelAsync).RequireAntiforgeryToken();
        duty.MapGet(TestMessagePath, (HttpContext context, DutyContext request, string? q) => SearchPage(context, request, q ?? "", []));
        duty.MapPost(TestMessagePath, SendTestAsync).RequireAntiforgeryToken();
        return app;
    }

    /// <summary>What every duty page needs: the live directory, the clock, the zone, the words and the antiforgery field.</summary>
    public sealed class DutyContext(LiveConfig live, TimeProvider time, IOptions<AlertWorkerOptions> options, IAntiforgery antiforgery)
    {
        public DirectorySnapshot? Directory => live.Current?.Config.Directory;
        public DateTimeOffset Now => time.GetUtcNow();
        public TimeZoneInfo Zone => options.Value.Zone;

        public BoardText Text(HttpContext context) => new(BoardText.WantsEnglish(context), Zone, Now);

        public string AntiforgeryField(HttpContext context) => WebPage.AntiforgeryField(antiforgery, context);

        public static string UserName(HttpContext context) =>
            context.User.Identity?.Name ?? throw new InvalidOperationException("the duty-officer policy let through a user without a name");

        public static string DisplayName(HttpContext context) =>
            context.User.FindFirst(LoginEndpoints.DisplayNameClaim)?.Value ?? UserName(context);
    }

    private static IResult NewForm(HttpContext context, DutyContext request, bool exercise)
    {
        var t = request.Text(context);
        if (request.Directory is not { } directory) return Html(DutyPages.NoConfiguration(t), StatusCodes.Status503ServiceUnavailable);
        var form = WarningEntryForm.New(request.Now, request.Zone);
        return Html(DutyPages.WarningForm(form, [], exercise, directory, t, request.AntiforgeryField(context)));
    }

    private static async Task<IResult> EnterAsync(HttpContext context, DutyContext request, ManualWarningIntake intake, bool exercise)
    {
        var t = request.Text(context);
        if (request.Directory is not { } directory) return Html(DutyPages.NoConfiguration(t), StatusCodes.Status503ServiceUnavailable);
        var form = WarningEntryForm.Read(await context.Request.ReadFormAsync(context.RequestAborted));
        var (entry, errors) = form.Check(exercise, directory, request.Now, request.Zone);
        if (entry is null)
            return Html(DutyPages.WarningForm(form, errors, exercise, directory, t, request.AntiforgeryField(context)), StatusCodes.Status400BadRequest);

        var result = await intake.EnterAsync(entry, DutyContext.UserName(context), context.RequestAborted);
        return Html(DutyPages.Outcome(result, directory, t, request.AntiforgeryField(context)), StatusOf(result));
    }

    private static async Task<IResult> CancelAsync(HttpContext context, DutyContext request, ManualWarningIntake intake)
    {
        var t = request.Text(context);
        if (request.Directory is not { } directory) return Html(DutyPages.NoConfiguration(t), StatusCodes.Status503ServiceUnavailable);
        var key = (await context.Request.ReadFormAsync(context.RequestAborted))["key"].ToString().Trim();
        var (result, refusal) = await intake.CancelAsync(key, DutyContext.UserName(context), context.RequestAborted);
        if (refusal is { } refused)
        {
            var status = refused == ManualCancelRefusal.UnknownWarning ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return Html(DutyPages.CancelRefused(refused, t), status);
        }
        return Html(DutyPages.Outcome(result!, directory, t, request.AntiforgeryField(context)), StatusOf(result!));
    }

    private static IResult SearchPage(HttpContext context, DutyContext request, string query, IReadOnlyList<FieldError> errors)
    {
        var t = request.Text(context);
        if (request.Directory is not { } directory) return Html(DutyPages.NoConfiguration(t), StatusCodes.Status503ServiceUnavailable);
        query = query.Trim();
        var matches = query.Length == 0
            ? []
            : directory.People
                .Where(p => p.Id.Contains(query, StringComparison.OrdinalIgnoreCase) || p.Name.Contains(query, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => !string.Equals(p.Id, query, StringComparison.OrdinalIgnoreCase))
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .Take(SearchLimit)
                .ToList();
        var now = request.Now;
        var html = DutyPages.TestMessage(query, matches, errors, t, request.AntiforgeryField(context), directory,
            () => ManualWarnings.NewIdentifier(now, request.Zone));
        return Html(html, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SendTestAsync(HttpContext context, DutyContext request, TestMessages tests)
    {
        var t = request.Text(context);
        if (request.Directory is not { } directory) return Html(DutyPages.NoConfiguration(t), StatusCodes.Status503ServiceUnavailable);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var identifier = form["identifier"].ToString().Trim();
        var personId = form["personId"].ToString().Trim();
        var channelName = form["channel"].ToString().Trim();

        var errors = new List<FieldError>();
        if (!ManualWarnings.IsIdentifier(identifier))
            errors.Add(new FieldError("identifier", "表单已失效，请重新查找此人。", "The form is no longer valid: search for the person again."));
        var person = directory.PeopleById.GetValueOrDefault(personId);
        if (person is null)
            errors.Add(new FieldError("personId", $"名录中没有编号为“{personId}”的人。", $"Nobody in the directory has the id '{personId}'."));
        Channel? channel = Channels.TryParse(channelName, out var parsed) ? parsed : null;
        if (channel is null)
            errors.Add(new FieldError("channel", $"“{channelName}”不是短信、语音或邮件渠道。", $"'{channelName}' is not sms, voice or email."));
        else if (person is not null && !Channels.Reachable(person).Contains(channel.Value))
            errors.Add(new FieldError("channel", $"{person.Name}没有可用于{t.Channel(channel.Value)}的联系方式。", $"{person.Name} has no address for {channel.Value.ToName()}."));
        if (errors.Count > 0) return SearchPage(context, request, person?.Id ?? personId, errors);

        var queued = await tests.QueueAsync(identifier, person!, channel!.Value, DutyContext.UserName(context), DutyContext.DisplayName(context), context.RequestAborted);
        return Html(DutyPages.TestQueued(person!, channel.Value, queued, t));
    }

    private static int StatusOf(ManualIntakeResult result) => result.Outcome is not null
        ? StatusCodes.Status200OK
        : result.Error == FeedDocumentHandler.NoConfiguration ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    private static IResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
