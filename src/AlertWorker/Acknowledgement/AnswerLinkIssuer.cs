using System.Buffers.Binary;
using System.Security.Cryptography;
using AlertWorker.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AlertWorker.Acknowledgement;

/// <summary>What an answer link's token says, once checked.</summary>
public enum AnswerLinkStatus
{
    Valid,
    /// <summary>Genuine, but past its expiry.</summary>
    Expired,
    /// <summary>Not made by this system: altered, cut short, or signed with a key it does not have.</summary>
    Invalid,
}

/// <param name="NotificationId">The notification the link answers; 0 when <see cref="Status"/> is <see cref="AnswerLinkStatus.Invalid"/>.</param>
public readonly record struct AnswerLinkToken(AnswerLinkStatus Status, long NotificationId);

/// <summary>
/// Answer links of emails (SPEC §7): <c>PublicBaseUrl + /a/{token}</c>, the token being the
/// notification id and the expiry, protected by ASP.NET Core Data Protection under a purpose of its
/// own (so a cookie or antiforgery token can never pass for one). The key ring lives in the
/// database, so a link works after a restart and on every instance. The expiry is checked against
/// the injected clock, which also tells an expired link from a forged one.
/// </summary>
public sealed class AnswerLinkIssuer(IDataProtectionProvider protection, IOptions<AlertWorkerOptions> options, TimeProvider time)
    : IAnswerLinkIssuer
{
    public const string Purpose = "AlertWorker.Acknowledgement.AnswerLink.v1";
    public const string PathPrefix = "/a/";

    private const int PayloadLength = 16;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly string _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');

    public string LinkFor(long notificationId, DateTimeOffset expires) => _baseUrl + PathPrefix + TokenFor(notificationId, expires);

    public string TokenFor(long notificationId, DateTimeOffset expires)
    {
        var payload = new byte[PayloadLength];
        BinaryPrimitives.WriteInt64BigEndian(payload, notificationId);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(8), expires.UtcTicks);
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload));
    }

    public AnswerLinkToken Read(string token)
    {
        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return new AnswerLinkToken(AnswerLinkStatus.Invalid, 0);
        }
        if (payload.Length != PayloadLength)
            return new AnswerLinkToken(AnswerLinkStatus.Invalid, 0);
        var notificationId = BinaryPrimitives.ReadInt64BigEndian(payload);
        var expires = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(8)), TimeSpan.Zero);
        return new AnswerLinkToken(time.GetUtcNow() < expires ? AnswerLinkStatus.Valid : AnswerLinkStatus.Expired, notificationId);
    }
}
