using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Web;

public class AnswerLinkIssuerTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    // well within its lifetime
    [InlineData(0, AnswerLinkStatus.Valid)]
    // a second before it expires
    [InlineData(86_399, AnswerLinkStatus.Valid)]
    // at its expiry
    [InlineData(86_400, AnswerLinkStatus.Expired)]
    // long after
    [InlineData(864_000, AnswerLinkStatus.Expired)]
    public void Read_AsTimePasses_ValidThenExpired(int secondsLater, AnswerLinkStatus expected)
    {
        var time = new FakeTimeProvider(Now);
        var issuer = Issuer(new EphemeralDataProtectionProvider(), time);
        var token = issuer.TokenFor(42, Now.AddDays(1));

        time.Advance(TimeSpan.FromSeconds(secondsLater));

        Assert.Equal(new AnswerLinkToken(expected, 42), issuer.Read(token));
    }

    [Theory]
    // not base64url at all
    [InlineData("not a token!")]
    // empty
    [InlineData("")]
    // well-formed but never issued
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Read_Garbage_Invalid(string token)
    {
        var issuer = Issuer(new EphemeralDataProtectionProvider(), new FakeTimeProvider(Now));

        Assert.Equal(AnswerLinkStatus.Invalid, issuer.Read(token).Status);
    }

    [Fact]
    public void Read_TokenOfAnotherPurpose_Invalid()
    {
        var protection = new EphemeralDataProtectionProvider();
        var issuer = Issuer(protection, new FakeTimeProvider(Now));
        var cookieLike = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            protection.CreateProtector("Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1").Protect(new byte[16]));

        Assert.Equal(AnswerLinkStatus.Invalid, issuer.Read(cookieLike).Status);
    }

    [Fact]
    public void LinkFor_BaseUrlWithPathAndSlash_OneSlashBeforeA()
    {
        var issuer = Issuer(new EphemeralDataProtectionProvider(), new FakeTimeProvider(Now), "https://alerts.example.org/qinglan/");

        var link = issuer.LinkFor(7, Now.AddDays(1));

        Assert.StartsWith("https://alerts.example.org/qinglan/a/", link);
        Assert.Equal(new AnswerLinkToken(AnswerLinkStatus.Valid, 7), issuer.Read(link[link.LastIndexOf('/')..][1..]));
    }

    private static AnswerLinkIssuer Issuer(IDataProtectionProvider protection, TimeProvider time, string baseUrl = "https://alerts.example.org") =>
        new(protection, Options.Create(new AlertWorkerOptions { PublicBaseUrl = baseUrl }), time);
}
