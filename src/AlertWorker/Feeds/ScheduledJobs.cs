using Quartz;

namespace AlertWorker.Feeds;

public static class ScheduledJobs
{
    /// <summary>
    /// Schedules a job with its repeating trigger, unless the store already holds that trigger at the
    /// same interval and misfire threshold: then it keeps firing on its own schedule. In a cluster every instance runs this
    /// at start, and re-scheduling would fire the job again at each instance's start.
    /// </summary>
    /// <returns>Whether the job was (re)scheduled.</returns>
    public static async Task<bool> ScheduleUnlessSameAsync(IScheduler scheduler, IJobDetail job, ITrigger trigger, TimeSpan interval, CancellationToken ct)
    {
        if (await scheduler.GetTrigger(trigger.Key, ct) is ISimpleTrigger existing && existing.RepeatInterval == interval
            && existing.MisfireThreshold == trigger.MisfireThreshold
            && existing.JobKey.Equals(job.Key) && await scheduler.Exists(job.Key, ct))
        {
            return false;
        }
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
        return true;
    }
}
