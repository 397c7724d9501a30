using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AlertWorker.Configuration;

/// <summary>The <c>AlertWorker</c> section of the settings (SPEC §8.1).</summary>
public sealed class AlertWorkerOptions
{
    public const string Section = "AlertWorker";

    /// <summary>The config folder: directory CSVs, policy.yaml, feeds.yaml, templates.</summary>
    [Required]
    public string ConfigDirectory { get; set; } = "config";

    /// <summary>The URL the outside world uses to reach the web port.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>IANA zone for times shown to people.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How often the config folder is checked for changes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ConfigReloadInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Rules the attributes cannot say; each failure prints the value it rejects.</summary>
public sealed class AlertWorkerOptionsValidator : IValidateOptions<AlertWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertWorkerOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            failures.Add($"AlertWorker:PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http(s) URL");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            failures.Add($"AlertWorker:TimeZone '{options.TimeZone}' is not a known IANA time zone");
        if (!System.IO.Directory.Exists(options.ConfigDirectory))
            failures.Add($"AlertWorker:ConfigDirectory '{Path.GetFullPath(options.ConfigDirectory)}' does not exist");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class AlertWorkerOptionsExtensions
{
    public static IHostApplicationBuilder AddAlertWorkerOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertWorkerOptions>()
            .Bind(builder.Configuration.GetSection(AlertWorkerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertWorkerOptions>, AlertWorkerOptionsValidator>();
        return builder;
    }
}
