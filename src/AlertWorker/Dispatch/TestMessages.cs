using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Warnings;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>
/// A test message a duty officer sends to one person over one of their channels, to check that it
/// reaches them. It is no warning, so it skips the intake: it is stored like the stale-feed alarm, as a
/// synthetic warning (status Test, key <c>manual:&lt;user&gt;|AW-...</c>, feed <see cref="ManualWarnings.TestFeedId"/>)
/// with one <see cref="NoticeKind.Test"/> notification on that channel, and the durable dispatcher sends
/// it like any other (the local outbox when the channel has no provider). It expects no answer, is never
/// escalated, has no fallback, is not sent after <see cref="ManualWarnings.TestMessageLifetime"/>, and
/// every message of it starts with 【测试】/[TEST].
/// </summary>
public sealed class TestMessages(IWarningStore store, TimeProvider time, IOptions<AlertWorkerOptions> options, ILogger<TestMessages> logger)
{
    /// <summary>Queues the message; false when this identifier was used already (the same form posted twice).</summary>
    public async Task<bool> QueueAsync(string identifier, Person person, Channel channel, string userName, string displayName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var warning = ManualWarnings.TestMessage(identifier, userName, displayName, channel, now, options.Value.Zone);
        var outcome = new WarningOutcome
        {
            Warning = warning,
            Action = WarningAction.Notify,
            ChainKey = warning.Key,
            Recipients = [new Recipient(person.Id, [], [channel], [], Exercise: false, Fallback: false)],
            Notices = [new PlannedNotice(person.Id, NoticeKind.Test, Level.None, [channel], [], [], Exercise: false, Fallback: false)],
        };
        var queued = await store.SaveOutcomeAsync(outcome, chain: null, ManualWarnings.TestFeedId, now, ct);
        logger.LogInformation("Test message {WarningKey} over {Channel} to {PersonId} sent by {UserName}: {Queued}",
            warning.Key, channel.ToName(), person.Id, userName, queued ? "queued" : "already queued by this form");
        return queued;
    }
}
