using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AlertWorker.Dispatch.Channels;

/// <summary>How the connection to the SMTP server is secured (MailKit's SecureSocketOptions).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a relay on the same host or network.</summary>
    None,
    /// <summary>STARTTLS, required.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>TLS on port 465, else STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>The <c>Smtp</c> section (SPEC §8.1). The password comes from the environment
/// (<c>Smtp__Password</c>) or user secrets, never from a file in the repository.
/// <c>Smtp:MessagesPerSecond</c> is read by the dispatcher's rate limiter (<see cref="ChannelRateOptions"/>).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    [Required]
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, <c>alerts@example.org</c> or <c>青岚县预警 &lt;alerts@example.org&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>For each step of a send: connect, login, each command.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Rules the attributes cannot say; each failure prints the value it rejects (never the password).</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out var from) || string.IsNullOrEmpty(from.Domain))
            failures.Add($"Smtp:From '{options.From}' is not an email address");
        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
            failures.Add($"Smtp:Username '{options.Username}' and Smtp:Password go together: give both or neither");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
