using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace AlertWorker.Web;

/// <summary>The small server-rendered pages of the web port (login, answer links): zh-CN with English.</summary>
internal static class WebPage
{
    private const string Style =
        "body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}"
        + "label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem;font-size:1rem}"
        + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1.1rem}.en{color:#555}.error{color:#b00020}";

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A paragraph in Chinese with its English below.</summary>
    public static string Bilingual(string zh, string en, string cssClass = "") =>
        $"<p class=\"{cssClass}\">{Encode(zh)}<br><span class=\"en\">{Encode(en)}</span></p>";

    public static string AntiforgeryField(IAntiforgery antiforgery, HttpContext context)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken ?? "")}\">";
    }

    public static IResult Html(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
            + $"<title>{Encode(title)}</title><style>{Style}</style></head><body>{body}</body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    /// <summary>A page that says no, with the status code that tells why.</summary>
    public static IResult Refusal(int statusCode, string zh, string en) =>
        Html(zh + " / " + en, $"<h1>{Encode(zh)}</h1>" + Bilingual(zh, en), statusCode);
}
