using Microsoft.Extensions.Options;
using Quartz;

namespace AlertWorker.Escalation;

/// <summary>
/// Schedules <see cref="EscalationJob"/> at start with a trigger every <see cref="EscalationOptions.Interval"/>
/// (one at another interval replaced, one at the same interval kept), or removes it from the scheduler when <see cref="EscalationOptions.Enabled"/>
/// is false. Several instances may run it side by side: each step is recorded once.
/// </summary>
public sealed class EscalationSchedule(ISchedulerFactory schedulers, IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationSchedule> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!options.Value.Enabled)
        {
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
