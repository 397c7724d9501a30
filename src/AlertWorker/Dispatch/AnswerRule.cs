using AlertWorker.Configuration;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Dispatch;

/// <summary>
/// Which notices expect an answer (叫应), decided when they are planned: the full warning of a new
/// cycle (Warning, LevelRaised) at a level whose policy has <c>ackWithin</c>, and every escalation
/// notice. Update notices and 解除 expect none.
/// </summary>
public sealed class AnswerRule(Func<AlertPolicy?> policy)
{
    public static AnswerRule Of(LiveConfig live) => new(() => live.Current?.Config.Policy);

    public bool Expects(NoticeKind kind, Level level) => kind switch
    {
        NoticeKind.Warning or NoticeKind.LevelRaised => policy()?.For(level)?.AckWithin is not null,
        NoticeKind.Escalation => true,
        _ => false,
    };
}
