using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The fast way in for the usual documents, a CAP alert or an Atom index embedding alerts: one pass
/// of the reader that keeps, as a small <see cref="FeedElement"/> tree per entry, only what
/// <see cref="CapParser"/> and <see cref="CapIndexParser"/> look at (the CAP fields they read, with
/// their text; an entry's Atom id, updated and links; the Atom content elements around alerts),
/// skips the rest, and hands each entry to the parsers as soon as it is read, so that only the
/// warnings outlive it. The parsers run unchanged on these trees, so they answer exactly as on the
/// whole document's; a 1,000-alert index takes about half the time (bench/README.md).
/// <para>Anything else gives null and goes the whole-tree way (<see cref="SafeXml.TryLoad"/>),
/// which also words the rejections: a document that is not well-formed or has a DOCTYPE, an RSS
/// feed or other root, a signed alert (its signature is checked on the original text), or an
/// alert nested in an alert. Nothing here recurses deeper than CAP's own nesting
/// (alert, info, area, geocode), whatever the document's depth.</para>
/// </summary>
internal static class PrunedFeedReader
{
    /// <summary>The CAP elements the parser reads, by the element they belong to; the rest of an alert is skipped.</summary>
    private static readonly Dictionary<string, HashSet<string>> Fields = new(StringComparer.Ordinal)
    {
        ["alert"] = ["identifier", "sender", "sent", "status", "msgType", "scope", "references", "info"],
        ["info"] =
        [
            "language", "category", "event", "urgency", "severity", "certainty", "effective", "onset", "expires",
            "senderName", "headline", "description", "instruction", "eventCode", "parameter", "area",
        ],
        ["area"] = ["areaDesc", "polygon", "circle", "geocode"],
        ["eventCode"] = ["valueName", "value"],
        ["parameter"] = ["valueName", "value"],
        ["geocode"] = ["valueName", "value"],
    };

    private sealed class NotForThisReader : Exception;

    /// <summary>The parsed document, or null when it must be read whole.</summary>
    public static ParsedDocument? TryParse(byte[] content, ParseOptions options)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), SafeXml.ReaderSettings());
            if (reader.MoveToContent() != XmlNodeType.Element) return null;
            ParsedDocument document;
            if (IsAlert(reader)) document = DocumentParser.SingleAlert(ReadAlert(reader, null), OriginalAlertXml.None, options);
            else if (IsAtom(reader, "feed")) document = ReadFeed(reader, options);
            else return null;
            while (reader.Read())
            {
                // The rest of the document (comments, whitespace) must be well-formed too.
            }
            return document;
        }
        catch (Exception ex) when (ex is XmlException or DecoderFallbackException or NotForThisReader)
        {
            return null;
        }
    }

    private static bool IsAlert(XmlReader reader) =>
        reader.LocalName == "alert" && reader.NamespaceURI is CapParser.Cap12Namespace or CapParser.Cap11Namespace;

    private static bool IsAtom(XmlReader reader, string localName) =>
        reader.LocalName == localName && reader.NamespaceURI == CapIndexParser.AtomNamespace;

    /// <summary>The reader is on the feed's start tag; leaves it on its end tag.</summary>
    private static ParsedDocument ReadFeed(XmlReader reader, ParseOptions options)
    {
        var collected = new CapIndexParser.Collected();
        var position = 0;
        for (var depth = reader.Depth; NextChild(reader, depth);)
        {
            if (IsAtom(reader, "entry")) CapIndexParser.ParseEntry(ReadEntry(reader), ++position, atom: true, OriginalAlertXml.None, options, collected);
            else Scan(reader, keep: null, insideAlert: false);
        }
        return collected.ToDocument();
    }

    private static FeedElement ReadEntry(XmlReader reader)
    {
        var entry = FeedElement.Create(reader.LocalName, reader.NamespaceURI, null);
        for (var depth = reader.Depth; NextChild(reader, depth);)
        {
            if (IsAtom(reader, "id") || IsAtom(reader, "updated"))
            {
                ReadText(reader, FeedElement.Create(reader.LocalName, reader.NamespaceURI, entry));
                continue;
            }
            if (IsAtom(reader, "link")) FeedElement.Create(reader.LocalName, reader.NamespaceURI, entry).CopyAttributes(reader);
            Scan(reader, entry, insideAlert: false);
        }
        return entry;
    }

    /// <summary>Goes through the element the reader is on and everything in it. With a
    /// <paramref name="keep"/> element (inside an entry), alerts are read and added to it, under
    /// the Atom content elements they are in; without one (outside entries), they are not looked
    /// at, unless <paramref name="insideAlert"/>. Leaves the reader on the element's end (or empty) tag.</summary>
    private static void Scan(XmlReader reader, FeedElement? keep, bool insideAlert)
    {
        Stack<(int Depth, FeedElement Element)>? kept = null; // the Atom content elements open around the reader
        var start = reader.Depth;
        do
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (insideAlert && IsAlert(reader)) throw new NotForThisReader();
            while (kept is not null && kept.TryPeek(out var top) && top.Depth >= reader.Depth) kept.Pop();
            var parent = kept is not null && kept.TryPeek(out var inner) ? inner.Element : keep;
            if (parent is not null && IsAlert(reader))
            {
                ReadAlert(reader, parent);
                if (reader.Depth == start) return;
                continue;
            }
            if (parent is not null && IsAtom(reader, "content") && !reader.IsEmptyElement)
                (kept ??= new Stack<(int, FeedElement)>()).Push((reader.Depth, FeedElement.Create(reader.LocalName, reader.NamespaceURI, parent)));
            if (reader.Depth == start && reader.IsEmptyElement) return;
        } while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == start));
    }

    /// <summary>The reader is on an alert's start tag; leaves it on its end tag.</summary>
    private static FeedElement ReadAlert(XmlReader reader, FeedElement? parent)
    {
        var alert = FeedElement.Create(reader.LocalName, reader.NamespaceURI, parent);
        ReadFields(reader, alert);
        return alert;
    }

    /// <summary>The CAP fields of a container element (alert, info, area, eventCode...): leaves
    /// become elements holding their text, containers recurse, the rest is skipped.</summary>
    private static void ReadFields(XmlReader reader, FeedElement container)
    {
        var fields = Fields[container.LocalName];
        for (var depth = reader.Depth; NextChild(reader, depth);)
        {
            var name = reader.LocalName;
            if (container.LocalName == "alert" && name == "Signature" && reader.NamespaceURI == SignedXml.XmlDsigNamespaceUrl)
                throw new NotForThisReader();
            if (reader.NamespaceURI != container.NamespaceName || !fields.Contains(name))
            {
                Scan(reader, keep: null, insideAlert: true);
                continue;
            }
            var field = FeedElement.Create(name, container.NamespaceName, container);
            if (Fields.ContainsKey(name)) ReadFields(reader, field);
            else ReadText(reader, field);
        }
    }

    /// <summary>Puts the text of the element the reader is on, and of everything in it, into
    /// <paramref name="field"/> (what its <see cref="FeedElement.Value"/> would be on the whole tree).</summary>
    private static void ReadText(XmlReader reader, FeedElement field)
    {
        if (reader.IsEmptyElement) return;
        var start = reader.Depth;
        string? single = null;
        StringBuilder? several = null;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == start))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when IsAlert(reader):
                    throw new NotForThisReader();
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (single is null) single = reader.Value;
                    else (several ??= new StringBuilder(single)).Append(reader.Value);
                    break;
            }
        }
        if (several is not null) field.AddText(several.ToString());
        else if (single is not null) field.AddText(single);
    }

    /// <summary>Moves to the start tag of the next child element of the element at
    /// <paramref name="depth"/> (the caller leaves the reader on that child's end or empty tag
    /// before asking again); false, with the reader on the parent's end (or empty) tag, when there
    /// is none left.</summary>
    private static bool NextChild(XmlReader reader, int depth)
    {
        if (reader.Depth == depth && reader.IsEmptyElement) return false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) return false;
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1) return true;
        }
        return false;
    }
}
