using System.Globalization;
using System.Text.RegularExpressions;
using AlertWorker.Configuration;
using AlertWorker.Domain.Warnings;
using YamlDotNet.RepresentationModel;

namespace AlertWorker.Feeds;

/// <summary>
/// Loads config/feeds.yaml (SPEC §3) into <see cref="FeedDefinition"/>s, or reports every problem
/// with its line. File feeds and certificate files are resolved against the config folder and
/// must exist.
/// </summary>
public static partial class FeedsLoader
{
    public const string FileName = "feeds.yaml";

    private static readonly string[] TopKeys = ["feeds"];
    private static readonly string[] FeedKeys =
        ["id", "kind", "url", "interval", "timeout", "staleAfter", "maxSize", "requireSignature", "trustedCertificates"];
    private static readonly string[] Required = ["id", "kind", "url", "interval", "timeout", "staleAfter"];

    private static readonly Dictionary<string, FeedKind> Kinds = new(StringComparer.Ordinal)
    {
        ["cap"] = FeedKind.Cap,
        ["cap-index"] = FeedKind.CapIndex,
        ["nws-geojson"] = FeedKind.NwsGeoJson,
        ["geohazard-geojson"] = FeedKind.GeohazardGeoJson,
    };

    public static LoadResult<IReadOnlyList<FeedDefinition>> Load(string configDirectory)
    {
        var problems = new List<ConfigProblem>();
        return ConfigFileReader.ReadText(configDirectory, FileName, problems) is { } text
            ? Parse(text, configDirectory)
            : new LoadResult<IReadOnlyList<FeedDefinition>>(null, problems);
    }

    /// <param name="configDirectory">The folder that relative file paths are resolved against.</param>
    public static LoadResult<IReadOnlyList<FeedDefinition>> Parse(string yaml, string configDirectory)
    {
        var reader = new YamlNodeReader(FileName);
        var feeds = new List<FeedDefinition>();
        if (reader.LoadRoot(yaml) is { } root)
        {
            if (!root.Children.ContainsKey("feeds"))
                reader.Add(root, "the file has no 'feeds:' list");
            foreach (var (_, value) in reader.Entries(root, "top level", TopKeys))
            {
                if (reader.Sequence(value, "feeds") is not { } seq)
                    continue;
                var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
                var fullConfigDirectory = Path.GetFullPath(configDirectory);
                foreach (var node in seq.Children)
                {
                    if (ReadFeed(reader, node, fullConfigDirectory) is not { } feed)
                        continue;
                    if (firstLines.TryAdd(feed.Id, YamlNodeReader.LineOf(node)))
                        feeds.Add(feed);
                    else
                        reader.Add(node, $"duplicate feed id '{feed.Id}' (first on line {firstLines[feed.Id]})");
                }
            }
        }
        return LoadResult<IReadOnlyList<FeedDefinition>>.From(feeds, reader.Problems);
    }

    private static FeedDefinition? ReadFeed(YamlNodeReader reader, YamlNode node, string configDirectory)
    {
        if (reader.Mapping(node, "feed") is not { } map)
            return null;
        var before = reader.Problems.Count;
        var idText = (map.Children.TryGetValue("id", out var idNode) ? (idNode as YamlScalarNode)?.Value : null)?.Trim();
        var what = string.IsNullOrEmpty(idText) ? "feed" : $"feed {idText}";

        string? id = null, url = null;
        FeedKind? kind = null;
        TimeSpan? interval = null, timeout = null, staleAfter = null;
        long maxSize = ParseOptions.DefaultMaxSize;
        var requireSignature = false;
        var certificates = new List<string>();
        foreach (var (key, value) in reader.Entries(map, what, FeedKeys))
        {
            switch (key)
            {
                case "id":
                    id = reader.Scalar(value, $"{what}: id");
                    if (id is not null && !IdPattern().IsMatch(id))
                        reader.Add(value, $"{what}: id '{id}' may hold only letters, digits, '.', '_' and '-'");
                    break;
                case "kind":
                    if (reader.Scalar(value, $"{what}: kind") is { } kindText)
                    {
                        if (Kinds.TryGetValue(kindText, out var k))
                            kind = k;
                        else
                            reader.Add(value, $"{what}: unknown kind '{kindText}' (use {string.Join(", ", Kinds.Keys)})");
                    }
                    break;
                case "url":
                    url = ReadUrl(reader, value, what, configDirectory);
                    break;
                case "interval":
                    interval = reader.Duration(value, $"{what}: interval");
                    break;
                case "timeout":
                    timeout = reader.Duration(value, $"{what}: timeout");
                    break;
                case "staleAfter":
                    staleAfter = reader.Duration(value, $"{what}: staleAfter");
                    break;
                case "maxSize":
                    maxSize = ReadSize(reader, value, what) ?? maxSize;
                    break;
                case "requireSignature":
                    requireSignature = reader.Boolean(value, $"{what}: requireSignature") ?? false;
                    break;
                default:
                    foreach (var (file, fileNode) in reader.ScalarList(value, $"{what}: trustedCertificates") ?? [])
                    {
                        if (ExistingFile(reader, fileNode, file, $"{what}: certificate", configDirectory) is { } path)
                            certificates.Add(path);
                    }
                    break;
            }
        }
        foreach (var key in Required.Where(k => !map.Children.ContainsKey(k)))
            reader.Add(map, $"{what}: '{key}' is missing");

        // A poll must end before the next one is due, so the timeout may not exceed the interval;
        // and a feed is stale only once a poll is overdue, so staleAfter must exceed the interval
        // (otherwise a healthy feed would look stale between two polls).
        if (interval is { } i && timeout is { } t && t > i)
            reader.Add(map["timeout"], $"{what}: timeout {DurationParser.Format(t)} is longer than the interval {DurationParser.Format(i)}");
        if (interval is { } i2 && staleAfter is { } s && s <= i2)
            reader.Add(map["staleAfter"], $"{what}: staleAfter {DurationParser.Format(s)} must be longer than the interval {DurationParser.Format(i2)}");
        if (requireSignature && certificates.Count == 0 && reader.Problems.Count == before)
            reader.Add(map, $"{what}: requireSignature needs trustedCertificates");

        if (reader.Problems.Count > before)
            return null;
        return new FeedDefinition
        {
            Id = id!,
            Kind = kind!.Value,
            Url = url!,
            Interval = interval!.Value,
            Timeout = timeout!.Value,
            StaleAfter = staleAfter!.Value,
            MaxSize = maxSize,
            RequireSignature = requireSignature,
            TrustedCertificates = certificates,
        };
    }

    /// <summary>An absolute http(s) URL as given, or the full path of an existing file relative to the config folder.</summary>
    private static string? ReadUrl(YamlNodeReader reader, YamlNode node, string what, string configDirectory)
    {
        if (reader.Scalar(node, $"{what}: url") is not { } text)
            return null;
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
                return text;
            reader.Add(node, $"{what}: url '{text}' is not a valid http(s) URL");
            return null;
        }
        if (SchemePattern().IsMatch(text))
        {
            reader.Add(node, $"{what}: url '{text}' must be http(s) or a file path relative to the config folder");
            return null;
        }
        return ExistingFile(reader, node, text, $"{what}: url", configDirectory);
    }

    private static string? ExistingFile(YamlNodeReader reader, YamlNode node, string relative, string what, string configDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(configDirectory, relative));
        if (File.Exists(path))
            return path;
        reader.Add(node, $"{what}: file '{relative}' does not exist (paths are relative to the config folder)");
        return null;
    }

    /// <summary>A positive size: bytes (<c>16777216</c>) or with a binary unit (<c>512KB</c>, <c>16MB</c>, <c>1GB</c>, KiB/MiB/GiB too).</summary>
    private static long? ReadSize(YamlNodeReader reader, YamlNode node, string what)
    {
        if (reader.Scalar(node, $"{what}: maxSize") is not { } text)
            return null;
        var match = SizePattern().Match(text);
        if (match.Success && long.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            var unit = match.Groups["u"].Value.ToUpperInvariant();
            var factor = unit.Length == 0 || unit == "B" ? 1L : unit[0] switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            if (n > 0 && n <= long.MaxValue / factor)
                return n * factor;
        }
        reader.Add(node, $"{what}: maxSize '{text}' is not a positive size (use bytes, or e.g. 512KB, 16MB)");
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]+://")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^(?<n>\d+)\s*(?<u>(?:[KMG]i?B)|B)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
