using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Escalation;
using AlertWorker.Domain.Policy;
using AlertWorker.Storage;

namespace AlertWorker.Escalation;

/// <summary>
/// One pass of escalation (SPEC §7): closes the cycles of expired warnings quietly, then for every
/// silent notification applies <see cref="EscalationDecision.Decide"/> on the level's policy in
/// force: a repeat queues a new round on the level's channels, a notify plans one escalation notice
/// per target. Each step is recorded with its time and targets, once (also across instances), then
/// checks the feeds for a stale episode to alarm the duty officer about. Idempotent: run it as
/// often as you like.
/// </summary>
public sealed class EscalationPass(
    IEscalationStore store,
    StaleFeedAlarm staleFeeds,
    LiveConfig live,
    TimeProvider time,
    ILogger<EscalationPass> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expired = await store.CloseExpiredAsync(now, ct);
        if (expired > 0) logger.LogInformation("Closed {Count} notifications of expired warnings", expired);

        if (live.Current is { } config)
        {
            foreach (var silent in await store.ListEscalatingAsync(ct))
            {
                ct.ThrowIfCancellationRequested();
                if (config.Config.Policy.For(silent.Level) is not { } policy) continue;
                foreach (var due in EscalationDecision.Decide(silent.State, policy, now).Due)
                    await TakeAsync(silent, due, policy, config, now, ct);
            }
        }

        await staleFeeds.CheckAsync(now, ct);
    }

    private async Task TakeAsync(EscalatingNotification silent, DueStep due, LevelPolicy policy, LiveConfig.Applied config, DateTimeOffset now, CancellationToken ct)
    {
        var directory = config.Config.Directory;
        IReadOnlyList<Channel> repeat = [];
        IReadOnlyList<EscalationTarget> targets = [];
        if (due.Policy.Action == EscalationAction.Repeat)
        {
            repeat = directory.PeopleById.TryGetValue(silent.PersonId, out var person)
                ? EscalationTargets.ChannelsFor(person, policy).Channels
                : silent.Channels;
        }
        else
        {
            targets = EscalationTargets.For(silent, due.Policy.Notify, policy, directory, now);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WarningKey"] = silent.WarningKey });
        if (!await store.TakeStepAsync(silent, new EscalationStepTaken(due, repeat, targets, now), ct)) return;
        if (due.Policy.Action == EscalationAction.Notify && targets.Count == 0)
        {
            logger.LogError("Escalation step {Step} of notification {NotificationId} ({PersonId}) found nobody in {Roles}",
                due.Step, silent.Id, silent.PersonId, string.Join(",", due.Policy.Notify.Select(r => r.ToName())));
            return;
        }
        logger.LogWarning("Notification {NotificationId} of {PersonId} unanswered: escalation step {Step} ({Action}) to {Targets}",
            silent.Id, silent.PersonId, due.Step, due.Policy.Action,
            due.Policy.Action == EscalationAction.Repeat ? silent.PersonId : string.Join(",", targets.Select(t => t.PersonId)));
    }
}
