using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Lifecycle;

/// <summary>
/// Who gets what from an accepted warning (SPEC §6): the full warning for a new one; for an
/// Update, a new 叫应 cycle where the level went up, the full warning for people newly in the
/// area, a short notice where level, area or expiry changed, and 解除 for people no longer
/// matched; for a Cancel, 解除 for everyone still concerned.
/// </summary>
internal static class NoticePlanner
{
    public static WarningOutcome New(Warning warning, MatchResult match, IReadOnlyList<Recipient> recipients) => new()
    {
        Warning = warning,
        Action = WarningAction.Notify,
        ChainKey = warning.Key,
        HazardPoints = match.HazardPoints,
        Regions = match.Regions,
        Recipients = recipients,
        Notices = recipients.Select(r => Notice(r, NoticeKind.Warning, warning.Level)).ToList(),
        UnknownGeocodes = match.UnknownGeocodes,
    };

    /// <remarks>"Area changed" means the affected hazard points or regions differ from those of the
    /// chain's latest content; "expiry changed" compares <see cref="Warning.Expires"/>; the level is
    /// compared with the one each person was last told.</remarks>
    public static WarningOutcome Update(
        Warning warning, WarningChain chain, MatchResult match, IReadOnlyList<Recipient> recipients)
    {
        var told = chain.Notified.Where(p => !p.Released).ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        var areaChanged = !match.HazardPoints.SequenceEqual(chain.HazardPoints, StringComparer.Ordinal)
            || !match.Regions.SequenceEqual(chain.Regions, StringComparer.Ordinal);
        var expiryChanged = warning.Expires != chain.Latest.Expires;
        var level = warning.Level;

        var notices = new List<PlannedNotice>();
        foreach (var recipient in recipients)
        {
            NoticeKind? kind = !told.TryGetValue(recipient.PersonId, out var before) ? NoticeKind.Warning
                : level > before.Level ? NoticeKind.LevelRaised
                : level != before.Level || areaChanged || expiryChanged ? NoticeKind.UpdateNotice
                : null;
            if (kind is { } k) notices.Add(Notice(recipient, k, level));
        }

        var matched = recipients.Select(r => r.PersonId).ToHashSet(StringComparer.Ordinal);
        var released = told.Values.Where(p => !matched.Contains(p.PersonId))
            .OrderBy(p => p.PersonId, StringComparer.Ordinal).ToList();
        var exercise = warning.Status == WarningStatus.Exercise;
        notices.AddRange(released.Select(p => Release(p, exercise)));

        return new WarningOutcome
        {
            Warning = warning,
            Action = WarningAction.Update,
            ChainKey = chain.ChainKey,
            HazardPoints = match.HazardPoints,
            Regions = match.Regions,
            Recipients = recipients,
            Released = released.Select(p => p.PersonId).ToList(),
            Notices = notices,
            UnknownGeocodes = match.UnknownGeocodes,
        };
    }

    /// <remarks>The outcome's hazard points and regions are those of the content being lifted.</remarks>
    public static WarningOutcome Cancel(Warning warning, WarningChain chain)
    {
        var exercise = warning.Status == WarningStatus.Exercise;
        var told = chain.Notified.Where(p => !p.Released).OrderBy(p => p.PersonId, StringComparer.Ordinal).ToList();
        return new WarningOutcome
        {
            Warning = warning,
            Action = WarningAction.Cancel,
            ChainKey = chain.ChainKey,
            HazardPoints = chain.HazardPoints,
            Regions = chain.Regions,
            Recipients = told.Select(p => new Recipient(p.PersonId, p.Roles, p.Channels, p.HazardPoints, exercise, p.Fallback)).ToList(),
            Released = told.Select(p => p.PersonId).ToList(),
            Notices = told.Select(p => Release(p, exercise)).ToList(),
        };
    }

    private static PlannedNotice Notice(Recipient r, NoticeKind kind, Level level) =>
        new(r.PersonId, kind, level, r.Channels, r.Roles, r.HazardPoints, r.Exercise, r.Fallback);

    /// <summary>A 解除 goes over the channels of the person's last notice, at the level they were told.</summary>
    private static PlannedNotice Release(NotifiedPerson p, bool exercise) =>
        new(p.PersonId, NoticeKind.Released, p.Level, p.Channels, p.Roles, p.HazardPoints, exercise, p.Fallback);
}
