using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Storage;

namespace AlertWorker.Escalation;

/// <summary>
/// Who an escalation step's <c>notify</c> roles name (SPEC §4.1, §7): region roles whose scope is on
/// the root path of the silent person's affected points' regions (else of the person's own region);
/// duty roles: whoever is on shift now. Never the silent person themselves. Each target is reached
/// over the level's channels they can receive, else every channel they have (a fallback).
/// </summary>
public static class EscalationTargets
{
    public static IReadOnlyList<EscalationTarget> For(
        EscalatingNotification silent, IReadOnlyList<Role> roles, LevelPolicy policy, DirectorySnapshot directory, DateTimeOffset now)
    {
        var regions = silent.HazardPoints
            .Select(id => directory.PointsById.GetValueOrDefault(id)?.RegionCode)
            .OfType<string>()
            .ToList();
        if (regions.Count == 0 && directory.PeopleById.GetValueOrDefault(silent.PersonId)?.RegionCode is { } own) regions.Add(own);
        var paths = regions.SelectMany(directory.PathToRoot).ToHashSet(StringComparer.Ordinal);

        var named = directory.Assignments
            .Where(a => a.Role.IsRegionRole() && roles.Contains(a.Role) && paths.Contains(a.Scope))
            .Select(a => (a.PersonId, a.Role))
            .Concat(directory.OnShift(now).Where(s => s.Role.IsDutyRole() && roles.Contains(s.Role)).Select(s => (s.PersonId, s.Role)));

        return named
            .Where(t => t.PersonId != silent.PersonId && directory.PeopleById.ContainsKey(t.PersonId))
            .GroupBy(t => t.PersonId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var (channels, fallback) = ChannelsFor(directory.PeopleById[g.Key], policy);
                return new EscalationTarget(g.Key, g.Select(t => t.Role).Distinct().Order().ToList(), channels, fallback);
            })
            .Where(t => t.Channels.Count > 0)
            .ToList();
    }

    /// <summary>The level's channels the person can receive; where none, all the person has (fallback).</summary>
    public static (IReadOnlyList<Channel> Channels, bool Fallback) ChannelsFor(Person person, LevelPolicy policy)
    {
        var reachable = Channels.Reachable(person);
        var wanted = policy.Channels.Where(reachable.Contains).ToList();
        return wanted.Count > 0 ? (wanted, false) : (reachable, true);
    }
}
