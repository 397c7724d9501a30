using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AlertWorker.Tests.Process;

/// <summary>
/// A bare Kestrel app in the place of api.twilio.com, fast enough to measure the worker and not
/// itself: answers every Messages.json and Calls.json create with 201 and a fresh SID, and tells
/// <c>requested</c> the To (and From) of each request as it arrives. No logging, no matching rules.
/// Shared by the crash test and the dispatch benchmark (bench/AlertWorker.Bench links this file).
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

    public static Task<TwilioKestrelStandIn> StartAsync(Action<string> requested) => StartAsync((to, _) => requested(to));

    /// <summary>As above, telling <paramref name="requested"/> the To and the From of each request.</summary>
    public static async Task<TwilioKestrelStandIn> StartAsync(Action<string, string> requested)
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

    private static async Task<IResult> CreateAsync(HttpRequest request, string prefix, Action<string, string> requested)
    {
        var form = await request.ReadFormAsync();
        var to = form["To"].ToString();
        requested(to, form["From"].ToString());
        var sid = prefix + Guid.NewGuid().ToString("N");
        return Results.Content($$"""{"sid":"{{sid}}","account_sid":"{{AccountSid}}","to":"{{to}}","status":"queued"}""",
            "application/json", statusCode: StatusCodes.Status201Created);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
