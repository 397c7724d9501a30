using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AlertWorker.Escalation;

/// <summary>The <c>Escalation</c> section.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>False: the escalation loop does not run (no steps, no expiry closing, no stale-feed
    /// alarm) on this instance; tests that drive <see cref="EscalationJob.RunAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often escalation runs; a step is taken at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Runs <see cref="EscalationJob"/> every <see cref="EscalationOptions.Interval"/> on the
/// injected clock, unless <see cref="EscalationOptions.Enabled"/> is false. Several instances may run
/// it side by side: each step is recorded once.</summary>
public sealed class EscalationLoop(EscalationJob job, IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogWarning("Escalation:Enabled is false: this instance escalates nothing");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await job.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // the next pass decides again from what is stored; nothing is lost by a failed pass
                logger.LogError(ex, "Escalation pass failed");
            }
            await Task.Delay(options.Value.Interval, time, stoppingToken);
        }
    }
}
