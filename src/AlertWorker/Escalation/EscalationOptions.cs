using System.ComponentModel.DataAnnotations;

namespace AlertWorker.Escalation;

/// <summary>The <c>Escalation</c> section.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>False: <see cref="EscalationJob"/> is not scheduled (no steps, no expiry closing, no
    /// stale-feed alarm) on this instance; tests that drive <see cref="EscalationPass.RunAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often escalation runs; a step is taken at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
