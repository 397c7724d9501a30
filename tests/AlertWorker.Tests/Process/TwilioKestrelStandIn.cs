using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AlertWorker.Tests.Process;

/// <summary>
/// A bare Kestrel app in the place of api.twilio.com, fast enough to measure the worker and not
/// itself: answers every Messages.json and Calls.json create with 201 and a fresh SID, and tells
/// <c>requested</c> of each request as it arrives (its To, From, the SID given and the status callback URL).
/// No logging, no matching rules, no callbacks of its own (a test that wants them posts them).
/// Shared by the crash and cluster tests and the dispatch benchmark (bench/AlertWorker.Bench links this file).
/// </summary>
public sealed class TwilioKestrelStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "stand-in-auth-token";
    public const string FromNumber = "+15005550006";

    private readonly WebApplication _app;

    private TwilioKestrelStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to give as <c>Twilio:ApiBaseUrl</c>.</summary>
    public string Url => _app.Urls.First();

    /// <summary>A create request as the stand-in answered it.</summary>
    public sealed record Created(string To, string From, string Sid, string StatusCallback, bool IsCall);

    public static Task<TwilioKestrelStandIn> StartAsync(Action<string> requested) => StartAsync(created => requested(created.To));

    public static async Task<TwilioKestrelStandIn> StartAsync(Action<Created> requested)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost($"/2010-04-01/Accounts/{AccountSid}/Messages.json", (HttpRequest request) => CreateAsync(request, "SM", requested));
        app.MapPost($"/2010-04-01/Accounts/{AccountSid}/Calls.json", (HttpRequest request) => CreateAsync(request, "CA", requested));
        await app.StartAsync();
        return new TwilioKestrelStandIn(app);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, string prefix, Action<Created> requested)
    {
        var form = await request.ReadFormAsync();
        var to = form["To"].ToString();
        var sid = prefix + Guid.NewGuid().ToString("N");
        requested(new Created(to, form["From"].ToString(), sid, form["StatusCallback"].ToString(), prefix == "CA"));
        return Results.Content($$"""{"sid":"{{sid}}","account_sid":"{{AccountSid}}","to":"{{to}}","status":"queued"}""",
            "application/json", statusCode: StatusCodes.Status201Created);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
