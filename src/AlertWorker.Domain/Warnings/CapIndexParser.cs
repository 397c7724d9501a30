using System.Globalization;

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

    public static bool IsAtomFeed(FeedElement root) => root.Is(AtomNamespace, "feed");

    public static bool IsRss(FeedElement root) =>
        root.NamespaceName.Length == 0 && root.LocalName is "rss" or "channel";

    public static ParsedDocument Parse(FeedElement root, OriginalAlertXml original, ParseOptions options)
    {
        var atom = IsAtomFeed(root);
        var entries = atom
            ? root.Elements(AtomNamespace, "entry")
            : root.DescendantsAndSelf().Where(e => e.Is("", "channel")).SelectMany(c => c.Elements("", "item"));

        var collected = new Collected();
        var position = 0;
        foreach (var entry in entries) ParseEntry(entry, null, ++position, atom, original, options, collected);
        return collected.ToDocument();
    }

    /// <summary>What the entries of an index gave so far.</summary>
    public sealed class Collected
    {
        public List<Warning> Warnings { get; } = [];
        public List<Rejection> Rejections { get; } = [];
        public List<IndexEntryLink> Links { get; } = [];

        public ParsedDocument ToDocument() =>
            new() { Kind = FeedKind.CapIndex, Warnings = Warnings, Rejections = Rejections, Links = Links };
    }

    /// <summary>One Atom entry or RSS item, the <paramref name="position"/>th of its feed (from 1).
    /// <paramref name="alerts"/>: every alert element below the entry, in document order, when the
    /// caller has them at hand; null to look for them.</summary>
    public static void ParseEntry(
        FeedElement entry, IReadOnlyList<FeedElement>? alerts, int position, bool atom, OriginalAlertXml original, ParseOptions options, Collected into)
    {
        var entryId = atom ? AtomId(entry, position) : RssId(entry, position);
        var url = atom ? AtomLink(entry) : RssLink(entry);
        var embedded = EmbeddedAlerts(entry, alerts ?? AlertsBelow(entry), atom, hasLink: url is not null);
        for (var i = 0; i < embedded.Count; i++)
        {
            var (warning, rejection) = CapParser.Parse(embedded[i], FeedKind.CapIndex, entryId, i + 1, original, options);
            if (warning is not null) into.Warnings.Add(warning);
            if (rejection is not null) into.Rejections.Add(rejection);
        }
        if (embedded.Count > 0) return;

        if (url is null)
            into.Rejections.Add(new Rejection($"entry {entryId}", "has neither an embedded CAP alert nor a link to one"));
        else
            into.Links.Add(new IndexEntryLink(entryId, url, atom ? AtomUpdated(entry) : RssUpdated(entry)));
    }

    /// <summary>The alerts an entry carries. In Atom the alert belongs in <c>&lt;content&gt;</c>; an
    /// <c>alert</c> elsewhere in an entry that also links to its CAP document is a summary, as in
    /// NWS's 2014 index (placeholder identifier <c>!</c>, no scope), and the link is what counts.
    /// Without a link, an alert anywhere in the entry is taken.</summary>
    private static IReadOnlyList<FeedElement> EmbeddedAlerts(FeedElement entry, IReadOnlyList<FeedElement> anywhere, bool atom, bool hasLink)
    {
        if (!atom || !hasLink) return anywhere;
        return anywhere.Where(a => a.Ancestors().TakeWhile(e => e != entry).Any(IsAtomContent)).ToList();
    }

    private static List<FeedElement> AlertsBelow(FeedElement entry)
    {
        var alerts = new List<FeedElement>(1);
        foreach (var element in entry.DescendantsAndSelf())
        {
            if (element != entry && CapParser.IsAlert(element)) alerts.Add(element);
        }
        return alerts;
    }

    private static bool IsAtomContent(FeedElement element) => element.Is(AtomNamespace, "content");

    private static string AtomId(FeedElement entry, int position) =>
        entry.Element(AtomNamespace, "id")?.Value.Trim() is { Length: > 0 } id ? id : $"#{position}";

    /// <summary>A link typed as CAP first, then the alternate link (an Atom link without
    /// <c>rel</c> is an alternate), then self.</summary>
    private static string? AtomLink(FeedElement entry)
    {
        string? typed = null, alternate = null, self = null;
        foreach (var link in entry.Elements(AtomNamespace, "link"))
        {
            if (link.Attribute("href")?.Trim() is not { Length: > 0 } href) continue;
            var rel = link.Attribute("rel") ?? "alternate";
            if (string.Equals(link.Attribute("type"), CapMediaType, StringComparison.OrdinalIgnoreCase)) typed ??= href;
            if (rel == "alternate") alternate ??= href;
            if (rel == "self") self ??= href;
        }
        return typed ?? alternate ?? self;
    }

    private static DateTimeOffset? AtomUpdated(FeedElement entry)
    {
        var text = entry.Element(AtomNamespace, "updated")?.Value.Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated) ? updated : null;
    }

    private static string RssId(FeedElement item, int position) =>
        item.Element("", "guid")?.Value.Trim() is { Length: > 0 } guid ? guid
        : RssLink(item) ?? $"#{position}";

    /// <summary>An enclosure typed as CAP, else <c>link</c>, else a permalink <c>guid</c>.</summary>
    private static string? RssLink(FeedElement item)
    {
        var enclosure = item.Elements("", "enclosure")
            .FirstOrDefault(e => string.Equals(e.Attribute("type"), CapMediaType, StringComparison.OrdinalIgnoreCase));
        if (enclosure?.Attribute("url")?.Trim() is { Length: > 0 } enclosed) return enclosed;
        if (item.Element("", "link")?.Value.Trim() is { Length: > 0 } link) return link;
        var guid = item.Element("", "guid");
        var permalink = !string.Equals(guid?.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
        return permalink && guid?.Value.Trim() is { Length: > 0 } g && Uri.TryCreate(g, UriKind.Absolute, out _) ? g : null;
    }

    private static DateTimeOffset? RssUpdated(FeedElement item)
    {
        var text = item.Element("", "pubDate")?.Value.Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var updated) ? updated : null;
    }
}
