using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Domain.Matching;

/// <summary>
/// Applies a level's policy to the people a warning concerns (SPEC §5.4–5.5): keeps only the
/// roles the level lists, picks each person's channels, and folds everything a person answers
/// for into one <see cref="Recipient"/>.
/// </summary>
public static class PolicyFilter
{
    /// <summary>The recipients, sorted by person id; none when the level is not listed.</summary>
    public static IReadOnlyList<Recipient> Apply(
        MatchResult match, LevelPolicy? level, IReadOnlyDictionary<string, Person> people, bool exercise)
    {
        if (level is null) return [];
        return match.Candidates
            .Where(c => level.Roles.Contains(c.Role) && people.ContainsKey(c.PersonId))
            .GroupBy(c => c.PersonId, StringComparer.Ordinal)
            .Select(g =>
            {
                var (channels, fallback) = ChannelsFor(people[g.Key], level);
                return new Recipient(
                    g.Key,
                    OutputOrder.Roles(g.Select(c => c.Role)),
                    channels,
                    OutputOrder.Ids(g.SelectMany(c => c.HazardPoints)),
                    exercise,
                    fallback);
            })
            .OrderBy(r => r.PersonId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The level's channels the person can receive; where none, every channel the person
    /// has, flagged as a fallback.</summary>
    public static (IReadOnlyList<Channel> Channels, bool Fallback) ChannelsFor(Person person, LevelPolicy level)
    {
        var reachable = Channels.Reachable(person);
        var wanted = level.Channels.Where(reachable.Contains).ToList();
        return wanted.Count > 0
            ? (OutputOrder.Channels(wanted), false)
            : (OutputOrder.Channels(reachable), true);
    }
}
