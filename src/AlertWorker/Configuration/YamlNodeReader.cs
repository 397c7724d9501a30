using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AlertWorker.Configuration;

/// <summary>
/// Reads one YAML config file node by node and collects a <see cref="ConfigProblem"/> (with the
/// node's line) for everything that does not fit, so a loader reports all problems at once.
/// </summary>
internal sealed class YamlNodeReader(string file)
{
    private readonly List<ConfigProblem> _problems = [];

    public string File { get; } = file;

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void Add(int line, string message) => _problems.Add(new ConfigProblem(File, line, message));

    public void Add(YamlNode node, string message) => Add(LineOf(node), message);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    /// <summary>The top-level mapping of the document, or null (with a problem) when the text is not one.</summary>
    public YamlMappingNode? LoadRoot(string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var reason = (ex.InnerException?.Message ?? ex.Message).ReplaceLineEndings(" ");
            Add((int)ex.Start.Line, $"not valid YAML: {reason}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) for some unclosed [ or {:
            // the last node it read is where the open bracket is.
            Add((int)(parser.Current?.Start.Line ?? 0), "not valid YAML: a bracket or quote opened here is not closed");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Add(stream.Documents.Count == 0 ? 1 : LineOf(stream.Documents[0].RootNode), "expected a mapping at the top of the file");
            return null;
        }
        return root;
    }

    /// <summary>The entries of a mapping with scalar keys; an unknown key is a problem (catches typos).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode map, string where, IReadOnlyCollection<string> knownKeys)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Add(keyNode, $"{where}: expected a plain key");
                continue;
            }
            if (!knownKeys.Contains(key))
            {
                Add(keyNode, $"{where}: unknown key '{key}' (expected {string.Join(", ", knownKeys)})");
                continue;
            }
            yield return (key, value);
        }
    }

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode map)
            return map;
        Add(node, $"{what}: expected a mapping");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
            return seq;
        Add(node, $"{what}: expected a list");
        return null;
    }

    /// <summary>A non-empty scalar value, or null with a problem.</summary>
    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && value.Trim().Length > 0)
            return value.Trim();
        Add(node, node is YamlScalarNode ? $"{what}: value is empty" : $"{what}: expected a single value");
        return null;
    }

    /// <summary>A list of non-empty scalars (<c>[a, b]</c> or a block list), or null with a problem.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)>? ScalarList(YamlNode node, string what)
    {
        if (Sequence(node, what) is not { } seq)
            return null;
        var items = new List<(string, YamlNode)>();
        foreach (var item in seq.Children)
        {
            if (Scalar(item, what) is { } value)
                items.Add((value, item));
        }
        return items;
    }

    /// <summary>A positive duration (<see cref="DurationParser"/>), or null with a problem.</summary>
    public TimeSpan? Duration(YamlNode node, string what)
    {
        if (Scalar(node, what) is not { } text)
            return null;
        if (!DurationParser.TryParse(text, out var duration))
        {
            Add(node, $"{what}: '{text}' is not a duration (use e.g. 30s, 10m, 2h, 1d or PT10M)");
            return null;
        }
        if (duration <= TimeSpan.Zero)
        {
            Add(node, $"{what}: '{text}' must be longer than zero");
            return null;
        }
        return duration;
    }

    public bool? Boolean(YamlNode node, string what)
    {
        if (Scalar(node, what) is not { } text)
            return null;
        if (bool.TryParse(text, out var value))
            return value;
        Add(node, $"{what}: '{text}' is not true or false");
        return null;
    }
}
