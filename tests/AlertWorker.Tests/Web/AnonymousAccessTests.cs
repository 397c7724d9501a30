using System.Net;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AlertWorker.Tests.Web;

/// <summary>
/// SPEC §9 login rule over every endpoint the worker maps, read from its <see cref="EndpointDataSource"/> (a new
/// endpoint is covered without touching this test): only the monitoring, login, webhook and answer-link endpoints
/// are open, and every other one refuses an anonymous request. Form posts without the antiforgery token are refused
/// in <c>LoginEndpointsTests.Post_WithoutAntiforgeryToken_400AndNoSession</c>,
/// <c>ConfirmOnBehalfEndpointsTests.Post_FormWithoutToken_400AndNothingRecorded</c> and, for every duty action,
/// <c>DutyEndpointsTests.Post_LoggedInWithoutAntiforgeryToken_400AndNothingStored</c>.
/// </summary>
public class AnonymousAccessTests
{
    /// <summary>The endpoints open without login, as <c>METHOD pattern</c>.</summary>
    private static readonly string[] Open =
    [
        "GET /healthz", // monitoring
        "GET /metrics", // monitoring, counts only
        "GET /login", // the login form
        "POST /login",
        "POST /logout", // ends a session if there is one; antiforgery-checked
        "POST /webhooks/twilio/sms", // webhooks: Twilio signature instead of login
        "POST /webhooks/twilio/status",
        "POST /webhooks/twilio/voice",
        "GET /a/{token}", // answer links: signed token instead of login
        "POST /a/{token}",
    ];

    [Fact]
    public async Task Endpoints_AllowAnonymous_OnlyTheOpenOnes()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);

        var open = Endpoints(host)
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(e => e.Methods.Select(m => $"{m} {Pattern(e.Endpoint)}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Open.Order(StringComparer.Ordinal), open);
    }

    [Fact]
    public async Task Endpoints_EveryOtherOneAnonymously_RefusedOrSentToLogin()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var host = await WebTestHost.StartAsync(db, config);
        var closed = Endpoints(host).Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        Assert.NotEmpty(closed);

        foreach (var (endpoint, methods) in closed)
        {
            foreach (var method in methods)
            {
                var path = Path(endpoint);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET" && method != "HEAD") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var client = new BrowserClient(host.Client.BaseAddress!);

                using var response = await client.SendAsync(request);

                var what = $"{method} {path} ({Pattern(endpoint)}) answered {(int)response.StatusCode}";
                var location = response.Headers.Location;
                var redirectPath = location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
                var toLogin = response.StatusCode == HttpStatusCode.Redirect && redirectPath == "/login";
                Assert.True(
                    response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || toLogin,
                    what + $" (Location: {location})");
            }
        }
    }

    private static List<(RouteEndpoint Endpoint, IReadOnlyList<string> Methods)> Endpoints(WebTestHost host) =>
        host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (e, e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)["GET", "POST"]))
            .ToList();

    private static string Pattern(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    /// <summary>A request path for the pattern: each route parameter filled with a dummy value its constraints accept.</summary>
    private static string Path(RouteEndpoint endpoint) =>
        "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") => "1",
            RoutePatternParameterPart parameter => "dummy-" + parameter.Name,
            _ => throw new InvalidOperationException($"route part {part} of {endpoint.RoutePattern.RawText}"),
        }))));
}
