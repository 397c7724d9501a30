using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>The <c>Dispatch</c> section: how the dispatcher claims, sends and retries.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>False: the dispatcher loop does not run, planned deliveries stay queued (tests that
    /// drive <see cref="DeliveryDispatcher.RunRoundAsync"/> themselves, a read-only instance).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Deliveries claimed per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claim holds; a delivery whose lease ran out (its instance died mid-send) is claimed again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts of one delivery before a transient failure counts as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry delay; each further attempt doubles it, up to <see cref="BackoffMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sends in flight at once in one round.</summary>
    [Range(1, 512)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How long the dispatcher waits when a round found nothing (or less than a batch) to send.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most segments an SMS may take (SPEC §8); the body is shortened to fit, the short code always kept.</summary>
    [Range(1, 10)]
    public int SmsMaxSegments { get; set; } = 3;

    /// <summary>How long an email's answer link works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AnswerLinkLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>This instance's lease owner name; empty: host name, process id and a random suffix.</summary>
    public string? InstanceId { get; set; }
}

public sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options) =>
        options.BackoffMax < options.BackoffBase
            ? ValidateOptionsResult.Fail($"Dispatch:BackoffMax {options.BackoffMax} is shorter than Dispatch:BackoffBase {options.BackoffBase}")
            : ValidateOptionsResult.Success;
}

/// <summary>Provider rate limits (SPEC §8.1), per second; 0 = unlimited. Read from
/// <c>Twilio:MessagesPerSecond</c> (sms), <c>Twilio:CallsPerSecond</c> (voice) and <c>Smtp:MessagesPerSecond</c> (email).</summary>
public sealed class ChannelRateOptions
{
    [Range(0, 100_000)]
    public int SmsPerSecond { get; set; } = 10;

    [Range(0, 100_000)]
    public int VoicePerSecond { get; set; } = 1;

    [Range(0, 100_000)]
    public int EmailPerSecond { get; set; } = 10;
}
