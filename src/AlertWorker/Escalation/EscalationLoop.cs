using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AlertWorker.Escalation;

/// <summary>The <c>Escalation</c> section.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>How often escalation runs; a step is taken at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Runs <see cref="EscalationJob"/> every <see cref="EscalationOptions.Interval"/> on the
/// injected clock. Several instances may run it side by side: each step is recorded once.</summary>
public sealed class EscalationLoop(EscalationJob job, IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
