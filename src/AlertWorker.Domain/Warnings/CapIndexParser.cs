using System.Globalization;
using System.Xml.Linq;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// An Atom or RSS 2.0 index of CAP alerts (<c>cap-index</c>). Each entry/item either embeds a CAP
/// alert (anywhere inside it, usually in <c>&lt;content&gt;</c>), which is parsed like a
/// <c>cap</c> document, or links to one, which becomes an <see cref="IndexEntryLink"/> for the
/// poller; an entry with neither is rejected, named by its id or, without one, its position.
/// An empty feed is fine. An entry that embeds an alert yields the alert, never also its link.
/// </summary>
internal static class CapIndexParser
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string CapMediaType = "application/cap+xml";

    public static bool IsAtomFeed(XElement root) =>
        root.Name.LocalName == "feed" && root.Name.NamespaceName == AtomNamespace;

    public static bool IsRss(XElement root) =>
        root.Name.NamespaceName.Length == 0 && root.Name.LocalName is "rss" or "channel";

    public static ParsedDocument Parse(XElement root, OriginalAlertXml original, ParseOptions options)
    {
        var atom = IsAtomFeed(root);
        XNamespace ns = atom ? AtomNamespace : XNamespace.None;
        var entries = atom ? root.Elements(ns + "entry") : root.DescendantsAndSelf("channel").Elements("item");

        var warnings = new List<Warning>();
        var rejections = new List<Rejection>();
        var links = new List<IndexEntryLink>();
        var position = 0;
        foreach (var entry in entries)
        {
            position++;
            var entryId = atom ? AtomId(entry, position) : RssId(entry, position);
            var url = atom ? AtomLink(entry) : RssLink(entry);
            var alerts = EmbeddedAlerts(entry, atom, hasLink: url is not null);
            for (var i = 0; i < alerts.Count; i++)
            {
                var (warning, rejection) = CapParser.Parse(alerts[i], FeedKind.CapIndex, $"entry {entryId}: ", i + 1, original, options);
                if (warning is not null) warnings.Add(warning);
                if (rejection is not null) rejections.Add(rejection);
            }
            if (alerts.Count > 0) continue;

            if (url is null)
                rejections.Add(new Rejection($"entry {entryId}", "has neither an embedded CAP alert nor a link to one"));
            else
                links.Add(new IndexEntryLink(entryId, url, atom ? AtomUpdated(entry) : RssUpdated(entry)));
        }

        return new ParsedDocument { Kind = FeedKind.CapIndex, Warnings = warnings, Rejections = rejections, Links = links };
    }

    /// <summary>The alerts an entry carries. In Atom the alert belongs in <c>&lt;content&gt;</c>; an
    /// <c>alert</c> elsewhere in an entry that also links to its CAP document is a summary, as in
    /// NWS's 2014 index (placeholder identifier <c>!</c>, no scope), and the link is what counts.
    /// Without a link, an alert anywhere in the entry is taken.</summary>
    private static List<XElement> EmbeddedAlerts(XElement entry, bool atom, bool hasLink)
    {
        var anywhere = entry.Descendants().Where(CapParser.IsAlert).ToList();
        if (!atom || !hasLink) return anywhere;
        return anywhere.Where(a => a.Ancestors().TakeWhile(e => e != entry).Any(IsAtomContent)).ToList();
    }

    private static bool IsAtomContent(XElement element) =>
        element.Name.LocalName == "content" && element.Name.NamespaceName == AtomNamespace;

    private static string AtomId(XElement entry, int position) =>
        entry.Element(XName.Get("id", AtomNamespace))?.Value.Trim() is { Length: > 0 } id ? id : $"#{position}";

    /// <summary>A link typed as CAP first, then the alternate link (an Atom link without
    /// <c>rel</c> is an alternate), then self.</summary>
    private static string? AtomLink(XElement entry)
    {
        var candidates = entry.Elements(XName.Get("link", AtomNamespace))
            .Select(l => (Href: ((string?)l.Attribute("href"))?.Trim(), Rel: (string?)l.Attribute("rel") ?? "alternate", Type: (string?)l.Attribute("type")))
            .Where(l => !string.IsNullOrEmpty(l.Href))
            .ToList();
        return candidates.FirstOrDefault(l => string.Equals(l.Type, CapMediaType, StringComparison.OrdinalIgnoreCase)).Href
            ?? candidates.FirstOrDefault(l => l.Rel == "alternate").Href
            ?? candidates.FirstOrDefault(l => l.Rel == "self").Href;
    }

    private static DateTimeOffset? AtomUpdated(XElement entry)
    {
        var text = entry.Element(XName.Get("updated", AtomNamespace))?.Value.Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated) ? updated : null;
    }

    private static string RssId(XElement item, int position) =>
        item.Element("guid")?.Value.Trim() is { Length: > 0 } guid ? guid
        : RssLink(item) ?? $"#{position}";

    /// <summary>An enclosure typed as CAP, else <c>link</c>, else a permalink <c>guid</c>.</summary>
    private static string? RssLink(XElement item)
    {
        var enclosure = item.Elements("enclosure")
            .FirstOrDefault(e => string.Equals((string?)e.Attribute("type"), CapMediaType, StringComparison.OrdinalIgnoreCase));
        if (((string?)enclosure?.Attribute("url"))?.Trim() is { Length: > 0 } enclosed) return enclosed;
        if (item.Element("link")?.Value.Trim() is { Length: > 0 } link) return link;
        var guid = item.Element("guid");
        var permalink = !string.Equals((string?)guid?.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
        return permalink && guid?.Value.Trim() is { Length: > 0 } g && Uri.TryCreate(g, UriKind.Absolute, out _) ? g : null;
    }

    private static DateTimeOffset? RssUpdated(XElement item)
    {
        var text = item.Element("pubDate")?.Value.Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var updated) ? updated : null;
    }
}
