using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Policy;

public enum Channel { Sms, Voice, Email }

/// <summary>config/policy.yaml: who is told at each level, over what, and how a silence escalates.
/// A level not listed notifies nobody.</summary>
public sealed record AlertPolicy(IReadOnlyDictionary<Level, LevelPolicy> Levels)
{
    public LevelPolicy? For(Level level) => Levels.GetValueOrDefault(level);
}

public sealed record LevelPolicy(
    IReadOnlySet<Role> Roles,
    IReadOnlyList<Channel> Channels,
    TimeSpan? AckWithin,
    IReadOnlyList<EscalationStepPolicy> Escalation);

public enum EscalationAction { Repeat, Notify }

/// <summary>One escalation step: <c>after</c> counts from the notification's first accepted send.
/// Either repeat to the same person, or notify the listed roles.</summary>
public sealed record EscalationStepPolicy(TimeSpan After, EscalationAction Action, IReadOnlyList<Role> Notify);

public static class Channels
{
    public static string ToName(this Channel c) => c switch
    {
        Channel.Sms => "sms",
        Channel.Voice => "voice",
        Channel.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static bool TryParse(string? name, out Channel channel)
    {
        foreach (var c in Enum.GetValues<Channel>())
        {
            if (string.Equals(c.ToName(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                channel = c;
                return true;
            }
        }
        channel = default;
        return false;
    }

    /// <summary>The channels a person can receive: phone gives sms and voice, email gives email.</summary>
    public static IReadOnlyList<Channel> Reachable(Person person)
    {
        var list = new List<Channel>(3);
        if (person.HasPhone) { list.Add(Channel.Sms); list.Add(Channel.Voice); }
        if (person.HasEmail) list.Add(Channel.Email);
        return list;
    }
}
