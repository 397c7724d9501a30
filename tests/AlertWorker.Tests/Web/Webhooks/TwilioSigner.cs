using System.Security.Cryptography;
using System.Text;

namespace AlertWorker.Tests.Web.Webhooks;

/// <summary>Signs a webhook as Twilio does (written from Twilio's description, not with its library):
/// HMAC-SHA1 keyed with the auth token over the full URL followed by every POST parameter, sorted
/// by name, as name then value; base64.</summary>
internal static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            data.Append(name).Append(value);
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }
}
