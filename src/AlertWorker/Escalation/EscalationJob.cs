using Quartz;

namespace AlertWorker.Escalation;

/// <summary>
/// Runs one <see cref="EscalationPass"/>; never two at once. A failed pass is logged by Quartz and
/// the trigger keeps firing: the next pass decides again from what is stored, so nothing is lost.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EscalationJob(EscalationPass pass) : IJob
{
    public static readonly JobKey Key = new("pass", "escalation");

    public static readonly TriggerKey TriggerKey = new("pass", "escalation");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(pass.RunAsync(cancellationToken));
}
