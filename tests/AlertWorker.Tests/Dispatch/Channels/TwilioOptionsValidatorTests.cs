using AlertWorker.Dispatch.Channels;

namespace AlertWorker.Tests.Dispatch.Channels;

public class TwilioOptionsValidatorTests
{
    private const string Sid = "AC0123456789abcdef0123456789abcdef";

    [Theory]
    // no credentials at all: the outbox stands in, nothing to check
    [InlineData(null, null, null, "https://api.twilio.com", null)]
    // all three, a stand-in base URL
    [InlineData(Sid, "token", "+8613800000000", "http://127.0.0.1:9000", null)]
    // one credential set: the others are required
    [InlineData(Sid, null, null, "https://api.twilio.com", "Twilio:AuthToken is missing")]
    [InlineData(null, "token", "+8613800000000", "https://api.twilio.com", "Twilio:AccountSid is missing")]
    [InlineData(Sid, "token", null, "https://api.twilio.com", "Twilio:FromNumber is missing")]
    // FromNumber not E.164
    [InlineData(Sid, "token", "13800000000", "https://api.twilio.com", "Twilio:FromNumber '13800000000' is not an E.164 number")]
    [InlineData(Sid, "token", "+86 138 0000 0000", "https://api.twilio.com", "Twilio:FromNumber '+86 138 0000 0000' is not an E.164 number")]
    // base URL relative or not http(s)
    [InlineData(Sid, "token", "+8613800000000", "api.twilio.com", "Twilio:ApiBaseUrl 'api.twilio.com' is not an absolute http(s) URL")]
    [InlineData(Sid, "token", "+8613800000000", "ftp://api.twilio.com", "Twilio:ApiBaseUrl 'ftp://api.twilio.com' is not an absolute http(s) URL")]
    public void Validate_Settings_ReportsWhatIsWrong(string? sid, string? token, string? from, string baseUrl, string? failure)
    {
        var options = new TwilioOptions { AccountSid = sid, AuthToken = token, FromNumber = from, ApiBaseUrl = baseUrl };

        var result = new TwilioOptionsValidator().Validate(null, options);

        if (failure is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.True(result.Failed);
            Assert.Contains(result.Failures!, f => f.StartsWith(failure, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_BadSettings_NeverPrintsTheAuthToken()
    {
        var options = new TwilioOptions { AccountSid = Sid, AuthToken = "s3cret-token", FromNumber = "bad", ApiBaseUrl = "bad" };

        var result = new TwilioOptionsValidator().Validate(null, options);

        Assert.DoesNotContain("s3cret-token", result.FailureMessage, StringComparison.Ordinal);
    }
}
