using System.Text.Json;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// Reads one feed document of any of the four kinds (SPEC §3) into warnings, rejections and
/// index links. The kind is recognised from content: XML <c>alert</c> in the CAP 1.2/1.1 namespace
/// is <see cref="FeedKind.Cap"/>; Atom <c>feed</c> or RSS <c>rss</c>/<c>channel</c> is
/// <see cref="FeedKind.CapIndex"/>; a GeoJSON FeatureCollection is
/// <see cref="FeedKind.GeohazardGeoJson"/> when its features carry <c>issuer</c> and <c>level</c>,
/// else <see cref="FeedKind.NwsGeoJson"/>. A document that is too large (checked before any
/// parsing), not well-formed, carries a DOCTYPE or is none of these is rejected whole with a
/// one-line reason; inside a good document each warning stands or falls alone.
/// Pure: bytes in, data out.
/// </summary>
public static class DocumentParser
{
    /// <summary>Deep enough for any GeoJSON geometry, shallow enough to stop a nesting bomb.</summary>
    private const int MaxJsonDepth = 64;

    public static ParsedDocument Parse(ReadOnlyMemory<byte> content, ParseOptions options) => Parse(content, options, pruned: true);

    /// <param name="pruned">False: XML always as a whole tree (the tests compare both ways).</param>
    internal static ParsedDocument Parse(ReadOnlyMemory<byte> content, ParseOptions options, bool pruned)
    {
        if (content.Length > options.MaxSize)
            return ParsedDocument.Rejected($"document is {content.Length} bytes, over the limit of {options.MaxSize} bytes");

        return FirstSignificantByte(content.Span) switch
        {
            (byte)'{' or (byte)'[' => ParseJson(content.Span),
            null => ParsedDocument.Rejected("document is empty"),
            _ => ParseXml(content, options, pruned),
        };
    }

    private static ParsedDocument ParseXml(ReadOnlyMemory<byte> content, ParseOptions options, bool pruned)
    {
        // The usual documents (a CAP alert, an Atom index of alerts) in one light pass; the rest as a whole tree.
        if (pruned && PrunedFeedReader.TryParse(content, options) is { } read) return read;
        var bytes = content.ToArray();
        if (SafeXml.TryLoad(bytes, out var error) is not { } root) return ParsedDocument.Rejected(error ?? "XML document has no root element");

        var original = new OriginalAlertXml(bytes, root);
        if (CapParser.IsAlert(root)) return SingleAlert(root, original, options);
        if (CapIndexParser.IsAtomFeed(root) || CapIndexParser.IsRss(root)) return CapIndexParser.Parse(root, original, options);

        return ParsedDocument.Rejected(root.LocalName == "alert"
            ? $"root element 'alert' is in namespace '{root.NamespaceName}', not CAP 1.2 or 1.1"
            : $"not a CAP alert, Atom or RSS feed: root element is {Describe(root)}");
    }

    /// <summary>A document that is one CAP alert.</summary>
    internal static ParsedDocument SingleAlert(FeedElement alert, OriginalAlertXml original, ParseOptions options)
    {
        var (warning, rejection) = CapParser.Parse(alert, FeedKind.Cap, null, 1, original, options);
        return new ParsedDocument
        {
            Kind = FeedKind.Cap,
            Warnings = warning is null ? [] : [warning],
            Rejections = rejection is null ? [] : [rejection],
        };
    }

    private static ParsedDocument ParseJson(ReadOnlySpan<byte> content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            return ParsedDocument.Rejected($"not well-formed JSON: {SafeXml.OneLine(ex.Message)}");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String ||
                type.GetString() != "FeatureCollection")
            {
                return ParsedDocument.Rejected("JSON is not a GeoJSON FeatureCollection (NWS alerts or geohazard forecast)");
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return ParsedDocument.Rejected("GeoJSON FeatureCollection has no 'features' array");

            return features.EnumerateArray().Any(GeohazardGeoJsonParser.IsGeohazardFeature)
                ? GeohazardGeoJsonParser.Parse(features)
                : NwsGeoJsonParser.Parse(features);
        }
    }

    /// <summary>The first byte that is not whitespace or a UTF-8 byte order mark; null when none.</summary>
    private static byte? FirstSignificantByte(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8)) content = content[3..];
        foreach (var b in content)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b;
        }
        return null;
    }

    private static string Describe(FeedElement element) =>
        element.NamespaceName.Length == 0 ? $"'{element.LocalName}'" : $"'{element.LocalName}' in namespace '{element.NamespaceName}'";
}
