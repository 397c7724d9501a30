using AlertWorker.Configuration;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Web.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AlertWorker.Tests.Web.Webhooks;

/// <summary>Only Twilio gets through: every refused request gets 403 and changes nothing.</summary>
public class TwilioSignatureTests
{
    /// <summary>The worked example of Twilio's webhook security guide (auth token 12345).</summary>
    private static readonly Dictionary<string, string> PublishedParameters = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+12349013030",
        ["Digits"] = "1234",
        ["From"] = "+12349013030",
        ["To"] = "+18005551212",
    };

    private const string PublishedSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    [Fact]
    public void Sign_TwilioPublishedExample_GivesThePublishedSignature()
    {
        Assert.Equal(PublishedSignature, TwilioSigner.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", PublishedParameters));
    }

    [Theory]
    // the published request as it is
    [InlineData("/myapp.php", "?foo=1&bar=2", "1234", true)]
    // another query string
    [InlineData("/myapp.php", "?foo=1&bar=3", "1234", false)]
    // another path
    [InlineData("/other.php", "?foo=1&bar=2", "1234", false)]
    // a parameter changed
    [InlineData("/myapp.php", "?foo=1&bar=2", "1", false)]
    public async Task Filter_TwilioPublishedExample_PassesOnlyAsPublished(string path, string query, string digits, bool passes)
    {
        var filter = new TwilioSignatureFilter(
            Options.Create(new TwilioOptions { AuthToken = "12345" }),
            Options.Create(new AlertWorkerOptions { PublicBaseUrl = "https://mycompany.com" }),
            NullLogger<TwilioSignatureFilter>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        // the request reached the worker on another host and port (behind a proxy): only PublicBaseUrl counts
        http.Request.Host = new HostString("10.0.0.5", 5080);
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        http.Request.Headers["X-Twilio-Signature"] = PublishedSignature;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = await new FormUrlEncodedContent(new Dictionary<string, string>(PublishedParameters) { ["Digits"] = digits })
            .ReadAsStreamAsync();
        var reached = false;

        var result = await filter.InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http),
            _ => { reached = true; return ValueTask.FromResult<object?>(Results.Ok()); });

        Assert.Equal(passes, reached);
        if (!passes)
            Assert.Equal(403, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    [Theory]
    // an answer "收到" for 杜军's two notifications
    [InlineData("/webhooks/twilio/sms", "sms")]
    // "delivered" for the SMS of notification 1
    [InlineData("/webhooks/twilio/status", "status")]
    // key 1 for notification 1
    [InlineData("/webhooks/twilio/voice?n=1", "voice")]
    public async Task Post_ForgedOrUnsigned_403AndNothingChanges(string pathAndQuery, string kind)
    {
        await using var host = await WebhookHost.StartAsync();
        var form = kind switch
        {
            "sms" => TwilioWebhooksTests.InboundSms("SMf1", WebhookHost.WangPhone, "收到"),
            "status" => TwilioWebhooksTests.MessageStatus("delivered"),
            _ => TwilioWebhooksTests.KeyPress("1"),
        };
        var before = await host.SnapshotAsync();
        var tampered = new Dictionary<string, string>(form) { ["From"] = WebhookHost.EnglishPhone, ["To"] = WebhookHost.EnglishPhone };
        var refused = new (string Case, string? Signature, Dictionary<string, string> Form)[]
        {
            ("no signature", null, form),
            ("empty signature", "", form),
            ("signed with another auth token", TwilioSigner.Sign("not-the-token", WebhookHost.PublicBaseUrl + pathAndQuery, form), form),
            ("signed for the URL the Host header names", TwilioSigner.Sign(WebhookHost.AuthToken, host.Http.BaseAddress!.ToString().TrimEnd('/') + pathAndQuery, form), form),
            ("signed, then a parameter changed", TwilioSigner.Sign(WebhookHost.AuthToken, WebhookHost.PublicBaseUrl + pathAndQuery, form), tampered),
            ("garbage", "bm90IGEgc2lnbmF0dXJl", form),
        };

        foreach (var (name, signature, body) in refused)
        {
            var response = await host.PostAsync(pathAndQuery, body, signature);
            Assert.True(403 == (int)response.StatusCode, $"{name}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await host.SnapshotAsync());
        Assert.Empty(await host.AnswersAsync());
        // the same request, signed as Twilio signs it, is taken (so the refusals above were for the signature)
        Assert.True((await host.PostSignedAsync(pathAndQuery, form)).IsSuccessStatusCode);
        Assert.NotEqual(before, await host.SnapshotAsync());
    }
}
