using Microsoft.Extensions.Options;
using Quartz;

namespace AlertWorker.Escalation;

/// <summary>
/// Schedules <see cref="EscalationJob"/> at start with a trigger every <see cref="EscalationOptions.Interval"/>
/// (one at another interval replaced, one at the same interval kept), or removes it from the scheduler when <see cref="EscalationOptions.Enabled"/>
/// is false. Several instances may run it side by side: each step is recorded once. On a clustered scheduler the job is the
/// cluster's: an instance with escalation off leaves it to the others and skips the passes that fall to it (<see cref="EscalationJob"/>).
/// </summary>
public sealed class EscalationSchedule(ISchedulerFactory schedulers, IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationSchedule> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!options.Value.Enabled)
        {
            if ((await scheduler.GetMetadata(cancellationToken)).JobStoreClustered)
            {
                logger.LogWarning("Escalation:Enabled is false on one instance of a cluster: the cluster's escalation job stays scheduled for the others, and the passes that fall to this instance are skipped (late escalation while another instance has it on)");
                return;
            }
            await scheduler.DeleteJob(EscalationJob.Key, cancellationToken);
            logger.LogWarning("Escalation:Enabled is false: this instance escalates nothing");
            return;
        }
        var job = JobBuilder.Create<EscalationJob>()
            .WithIdentity(EscalationJob.Key)
            .WithDescription("escalation pass")
            .Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(EscalationJob.TriggerKey)
            .ForJob(job)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.Value.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount))
            .Build();
        await Feeds.ScheduledJobs.ScheduleUnlessSameAsync(scheduler, job, trigger, options.Value.Interval, cancellationToken);
        logger.LogInformation("Scheduled the escalation pass every {Interval}", options.Value.Interval);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
