using System.Net;
using System.Text.RegularExpressions;

namespace AlertWorker.Tests.Web;

/// <summary>A browser-like client of the worker's web port: cookies kept, redirects not followed,
/// antiforgery fields read from the pages and posted back.</summary>
internal sealed partial class BrowserClient : HttpClient
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public BrowserClient(Uri baseAddress)
        : base(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) =>
        BaseAddress = baseAddress;

    /// <summary>The antiforgery form field of the page at <paramref name="path"/> (its cookie is kept).</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var page = await GetStringAsync(path);
        return TokenField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery field on {path}");
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public async Task<HttpResponseMessage> LogInAsync(string userName, string password)
    {
        var token = await FormTokenAsync("/login");
        return await PostFormAsync("/login", ("userName", userName), ("password", password), (AntiforgeryField, token));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
