using System.ComponentModel.DataAnnotations;

namespace AlertWorker.Web;

/// <summary>The <c>Login</c> section of the settings: account lockout and session length.</summary>
public sealed class WebLoginOptions
{
    public const string Section = "Login";

    /// <summary>Wrong passwords in a row that lock the account.</summary>
    [Range(1, 100)]
    public int LockoutAfterFailures { get; set; } = 5;

    /// <summary>How long a locked account refuses every password, the right one too.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a login lasts without use (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
