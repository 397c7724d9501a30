using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch.Channels;

/// <summary>
/// The <c>Twilio</c> section (SPEC §8.1). Credentials come from environment variables or user
/// secrets only (<c>Twilio__AccountSid</c>, <c>Twilio__AuthToken</c>, <c>Twilio__FromNumber</c>);
/// with none of them set, SMS and voice go to the outbox channel.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";
    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>The Twilio number messages and calls come from, E.164.</summary>
    public string? FromNumber { get; set; }

    /// <summary>Where the REST API is reached; a staging stand-in or mock server may be named here.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one provider request may take before it counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A person who writes free text gets the help reply at most once in this window.</summary>
    public TimeSpan HelpReplyInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>True when any credential is set: then all of them must be valid.</summary>
    public bool HasCredentials =>
        !string.IsNullOrEmpty(AccountSid) || !string.IsNullOrEmpty(AuthToken) || !string.IsNullOrEmpty(FromNumber);
}

/// <summary>Checks the Twilio settings at start once any credential is set; prints what it rejects
/// (never the auth token itself).</summary>
public sealed partial class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            failures.Add($"Twilio:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL");
        if (options.RequestTimeout <= TimeSpan.Zero)
            failures.Add($"Twilio:RequestTimeout '{options.RequestTimeout}' must be positive");
        if (options.HelpReplyInterval < TimeSpan.Zero)
            failures.Add($"Twilio:HelpReplyInterval '{options.HelpReplyInterval}' must not be negative");
        if (options.HasCredentials)
        {
            if (string.IsNullOrEmpty(options.AccountSid))
                failures.Add("Twilio:AccountSid is missing while other Twilio credentials are set");
            if (string.IsNullOrEmpty(options.AuthToken))
                failures.Add("Twilio:AuthToken is missing while other Twilio credentials are set");
            if (string.IsNullOrEmpty(options.FromNumber))
                failures.Add("Twilio:FromNumber is missing while other Twilio credentials are set");
            else if (!E164().IsMatch(options.FromNumber))
                failures.Add($"Twilio:FromNumber '{options.FromNumber}' is not an E.164 number (+ and up to 15 digits)");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();
}
