using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using YamlDotNet.RepresentationModel;

namespace AlertWorker.Policy;

/// <summary>Loads config/policy.yaml (SPEC §4.1) into an <see cref="AlertPolicy"/>, or reports every problem with its line.</summary>
public static class PolicyLoader
{
    public const string FileName = "policy.yaml";

    private static readonly string[] TopKeys = ["levels"];
    private static readonly string[] LevelKeys = ["roles", "channels", "ackWithin", "escalation"];
    private static readonly string[] StepKeys = ["after", "action", "notify"];
    private static readonly Level[] Listable = [Level.Red, Level.Orange, Level.Yellow, Level.Blue];

    public static LoadResult<AlertPolicy> Load(string configDirectory)
    {
        var problems = new List<ConfigProblem>();
        return ConfigFileReader.ReadText(configDirectory, FileName, problems) is { } text
            ? Parse(text)
            : new LoadResult<AlertPolicy>(null, problems);
    }

    public static LoadResult<AlertPolicy> Parse(string yaml)
    {
        var reader = new YamlNodeReader(FileName);
        var levels = new Dictionary<Level, LevelPolicy>();
        if (reader.LoadRoot(yaml) is { } root)
        {
            if (!root.Children.ContainsKey("levels"))
                reader.Add(root, "the file has no 'levels:' (a policy without levels notifies nobody)");
            foreach (var (_, value) in reader.Entries(root, "top level", TopKeys))
            {
                if (reader.Mapping(value, "levels") is not { } map)
                    continue;
                foreach (var (keyNode, levelNode) in map.Children)
                {
                    var name = (keyNode as YamlScalarNode)?.Value ?? "";
                    var level = Listable.FirstOrDefault(l => string.Equals(l.ToString(), name, StringComparison.OrdinalIgnoreCase));
                    if (level == Level.None)
                    {
                        reader.Add(keyNode, $"unknown level '{name}' (use red, orange, yellow or blue)");
                        continue;
                    }
                    if (ReadLevel(reader, levelNode, name) is { } policy)
                        levels[level] = policy;
                }
            }
        }
        return LoadResult<AlertPolicy>.From(new AlertPolicy(levels), reader.Problems);
    }

    private static LevelPolicy? ReadLevel(YamlNodeReader reader, YamlNode node, string name)
    {
        if (reader.Mapping(node, $"level {name}") is not { } map)
            return null;
        IReadOnlyList<Role>? roles = null;
        IReadOnlyList<Channel>? channels = null;
        TimeSpan? ackWithin = null;
        YamlNode? escalationNode = null;
        foreach (var (key, value) in reader.Entries(map, $"level {name}", LevelKeys))
        {
            switch (key)
            {
                case "roles":
                    roles = ReadRoles(reader, value, $"{name}.roles");
                    break;
                case "channels":
                    channels = ReadChannels(reader, value, $"{name}.channels");
                    break;
                case "ackWithin":
                    ackWithin = reader.Duration(value, $"{name}.ackWithin");
                    break;
                default:
                    escalationNode = value;
                    break;
            }
        }
        if (roles is null && !map.Children.ContainsKey("roles"))
            reader.Add(map, $"level {name} lists no roles");
        if (channels is null && !map.Children.ContainsKey("channels"))
            reader.Add(map, $"level {name} lists no channels");
        var escalation = escalationNode is null ? [] : ReadEscalation(reader, escalationNode, name, map.Children.ContainsKey("ackWithin"));
        return roles is null || channels is null || escalation is null
            ? null
            : new LevelPolicy(roles.ToHashSet(), channels, ackWithin, escalation);
    }

    private delegate bool NameParser<T>(string? name, out T value);

    private static string UnknownRole(string text) =>
        $"unknown role '{text}' (use {string.Join(", ", Enum.GetValues<Role>().Select(r => r.ToName()))})";

    private static IReadOnlyList<Role>? ReadRoles(YamlNodeReader reader, YamlNode node, string what) =>
        ReadNames<Role>(reader, node, what, Roles.TryParse, UnknownRole, _ => null);

    /// <summary>Roles an escalation step may notify: region roles (by the silent person's points) and duty roles (on shift).</summary>
    private static IReadOnlyList<Role>? ReadEscalationRoles(YamlNodeReader reader, YamlNode node, string what) =>
        ReadNames<Role>(reader, node, what, Roles.TryParse, UnknownRole, role => role.IsPointRole()
            ? $"role '{role.ToName()}' cannot be notified by escalation (use township-duty, county-duty, duty-officer or duty-leader)"
            : null);

    private static IReadOnlyList<Channel>? ReadChannels(YamlNodeReader reader, YamlNode node, string what) =>
        ReadNames<Channel>(reader, node, what, Channels.TryParse, text => $"unknown channel '{text}' (use sms, voice or email)", _ => null);

    /// <summary>A non-empty list of names (duplicates dropped), or null when any item is wrong (each reported).</summary>
    private static IReadOnlyList<T>? ReadNames<T>(
        YamlNodeReader reader, YamlNode node, string what, NameParser<T> parse, Func<string, string> unknown, Func<T, string?> reject)
    {
        if (reader.ScalarList(node, what) is not { } items)
            return null;
        var values = new List<T>();
        var ok = items.Count > 0;
        if (!ok)
            reader.Add(node, $"{what}: the list is empty");
        foreach (var (text, itemNode) in items)
        {
            if (!parse(text, out var value))
            {
                reader.Add(itemNode, $"{what}: {unknown(text)}");
                ok = false;
            }
            else if (reject(value) is { } problem)
            {
                reader.Add(itemNode, $"{what}: {problem}");
                ok = false;
            }
            else if (!values.Contains(value))
            {
                values.Add(value);
            }
        }
        return ok ? values : null;
    }

    private static IReadOnlyList<EscalationStepPolicy>? ReadEscalation(YamlNodeReader reader, YamlNode node, string level, bool hasAckWithin)
    {
        var what = $"{level}.escalation";
        if (reader.Sequence(node, what) is not { } seq)
            return null;
        var ok = true;
        if (!hasAckWithin && seq.Children.Count > 0)
        {
            reader.Add(node, $"{what}: escalation needs ackWithin (without it no answer is expected at this level)");
            ok = false;
        }
        var steps = new List<EscalationStepPolicy>();
        foreach (var stepNode in seq.Children)
        {
            if (ReadStep(reader, stepNode, what) is not { } step)
            {
                ok = false;
                continue;
            }
            if (steps.Count > 0 && step.After <= steps[^1].After)
            {
                reader.Add(stepNode, $"{what}: step after {DurationParser.Format(step.After)} must come later than the step before it (after {DurationParser.Format(steps[^1].After)})");
                ok = false;
            }
            steps.Add(step);
        }
        return ok ? steps : null;
    }

    private static EscalationStepPolicy? ReadStep(YamlNodeReader reader, YamlNode node, string what)
    {
        if (reader.Mapping(node, what) is not { } map)
            return null;
        TimeSpan? after = null;
        string? action = null;
        YamlNode? actionNode = null;
        IReadOnlyList<Role>? notify = null;
        var ok = true;
        foreach (var (key, value) in reader.Entries(map, what, StepKeys))
        {
            switch (key)
            {
                case "after":
                    after = reader.Duration(value, $"{what}.after");
                    ok &= after is not null;
                    break;
                case "action":
                    action = reader.Scalar(value, $"{what}.action");
                    actionNode = value;
                    ok &= action is not null;
                    break;
                default:
                    notify = ReadEscalationRoles(reader, value, $"{what}.notify");
                    ok &= notify is not null;
                    break;
            }
        }
        if (!map.Children.ContainsKey("after"))
        {
            reader.Add(map, $"{what}: a step needs 'after'");
            ok = false;
        }
        var isRepeat = string.Equals(action, "repeat", StringComparison.Ordinal);
        if (action is not null && !isRepeat && action != "notify")
        {
            reader.Add(actionNode!, $"{what}.action: unknown action '{action}' (use repeat, or give notify: [roles])");
            ok = false;
        }
        else if (isRepeat && map.Children.ContainsKey("notify"))
        {
            reader.Add(map, $"{what}: a step either repeats (action: repeat) or notifies roles (notify: [...]), not both");
            ok = false;
        }
        else if (!isRepeat && !map.Children.ContainsKey("notify"))
        {
            reader.Add(map, $"{what}: a step needs action: repeat or notify: [roles]");
            ok = false;
        }
        if (!ok || after is null)
            return null;
        return isRepeat
            ? new EscalationStepPolicy(after.Value, EscalationAction.Repeat, [])
            : new EscalationStepPolicy(after.Value, EscalationAction.Notify, notify!);
    }
}
