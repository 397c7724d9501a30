using Microsoft.Extensions.Options;
using Quartz;

namespace AlertWorker.Escalation;

/// <summary>
/// Runs one <see cref="EscalationPass"/>; never two at once. A failed pass is logged by Quartz and
/// the trigger keeps firing: the next pass decides again from what is stored, so nothing is lost.
/// A pass that falls to an instance with <see cref="EscalationOptions.Enabled"/> false (a cluster whose other instances
/// keep the job scheduled) is skipped.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EscalationJob(EscalationPass pass, IOptions<EscalationOptions> options, ILogger<EscalationJob> logger) : IJob
{
    public static readonly JobKey Key = new("pass", "escalation");

    public static readonly TriggerKey TriggerKey = new("pass", "escalation");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled) return new(pass.RunAsync(cancellationToken));
        logger.LogWarning("Skipped an escalation pass: Escalation:Enabled is false on this instance");
        return ValueTask.CompletedTask;
    }
}
