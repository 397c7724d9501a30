using System.Runtime.InteropServices;
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
/// whole document's; a 1,000-alert index takes about a third of the time (bench/README.md).
/// <para>What keeps it light: names are compared by reference, as the reader's name table holds
/// them (the names looked for are put in the table first, so the reader hands out those very
/// strings, and so do the trees to the parsers); each entry's tree is built from the elements of
/// the entry before; the alerts read are handed to <see cref="CapIndexParser"/> as they were found;
/// the document is read in place when it is in an array.</para>
/// <para>Anything else gives null and goes the whole-tree way (<see cref="SafeXml.TryLoad"/>),
/// which also words the rejections: a document that is not well-formed or has a DOCTYPE, an RSS
/// feed or other root, a signed alert (its signature is checked on the original text), or an
/// alert nested in an alert. Nothing here recurses deeper than CAP's own nesting
/// (alert, info, area, geocode), whatever the document's depth.</para>
/// </summary>
internal sealed class PrunedFeedReader
{
    /// <summary>The CAP elements the parser reads, by the element they belong to; the rest of an alert is skipped.</summary>
    private static readonly (string Container, string[] Fields)[] CapFields =
    [
        ("alert", ["identifier", "sender", "sent", "status", "msgType", "scope", "references", "info"]),
        ("info",
        [
            "language", "category", "event", "urgency", "severity", "certainty", "effective", "onset", "expires",
            "senderName", "headline", "description", "instruction", "eventCode", "parameter", "area",
        ]),
        ("area", ["areaDesc", "polygon", "circle", "geocode"]),
        ("eventCode", ["valueName", "value"]),
        ("parameter", ["valueName", "value"]),
        ("geocode", ["valueName", "value"]),
    ];

    private sealed class NotForThisReader : Exception;

    private readonly XmlReader _reader;

    // The names looked for, as the reader's name table holds them: the reader gives every name as
    // the same string instance, so they compare by reference.
    private readonly string _cap12, _cap11, _atom, _dsig, _alert, _feed, _entry, _id, _updated, _link, _content, _signature;
    private readonly (string Container, string[] Fields)[] _capFields;

    // The elements of the entry being read, made over for the next one (nothing the parsers
    // return refers to them), and the alerts among them, in document order.
    private readonly List<FeedElement> _elements = [];
    private int _elementsInUse;
    private readonly List<FeedElement> _alerts = [];
    // The Atom content elements open around the reader while an entry is scanned.
    private readonly Stack<(int Depth, FeedElement Element)> _contents = new();

    private PrunedFeedReader(XmlReader reader)
    {
        _reader = reader;
        var names = reader.NameTable;
        (_cap12, _cap11, _atom, _dsig) = (names.Add(CapParser.Cap12Namespace), names.Add(CapParser.Cap11Namespace),
            names.Add(CapIndexParser.AtomNamespace), names.Add(SignedXml.XmlDsigNamespaceUrl));
        (_alert, _feed, _entry, _id, _updated, _link, _content, _signature) = (names.Add("alert"), names.Add("feed"),
            names.Add("entry"), names.Add("id"), names.Add("updated"), names.Add("link"), names.Add("content"), names.Add("Signature"));
        _capFields = Array.ConvertAll(CapFields, c => (names.Add(c.Container), Array.ConvertAll(c.Fields, names.Add)));
    }

    /// <summary>The parsed document, or null when it must be read whole.</summary>
    public static ParsedDocument? TryParse(ReadOnlyMemory<byte> content, ParseOptions options)
    {
        var bytes = MemoryMarshal.TryGetArray(content, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        try
        {
            using var reader = XmlReader.Create(bytes, SafeXml.ReaderSettings());
            return new PrunedFeedReader(reader).TryParse(options);
        }
        catch (Exception ex) when (ex is XmlException or DecoderFallbackException or NotForThisReader)
        {
            return null;
        }
    }

    private ParsedDocument? TryParse(ParseOptions options)
    {
        if (_reader.MoveToContent() != XmlNodeType.Element) return null;
        ParsedDocument document;
        if (IsAlert()) document = DocumentParser.SingleAlert(ReadAlert(null), OriginalAlertXml.None, options);
        else if (IsAtom(_feed)) document = ReadFeed(options);
        else return null;
        while (_reader.Read())
        {
            // The rest of the document (comments, whitespace) must be well-formed too.
        }
        return document;
    }

    private bool IsAlert()
    {
        if (!ReferenceEquals(_reader.LocalName, _alert)) return false;
        var ns = _reader.NamespaceURI;
        return ReferenceEquals(ns, _cap12) || ReferenceEquals(ns, _cap11);
    }

    /// <summary>Whether the reader is on the Atom element of that (atomized) name.</summary>
    private bool IsAtom(string localName) => ReferenceEquals(_reader.LocalName, localName) && ReferenceEquals(_reader.NamespaceURI, _atom);

    /// <summary>The fields kept of a CAP element of that (atomized) name; null when it is not a container of fields.</summary>
    private string[]? FieldsOf(string container)
    {
        foreach (var (name, fields) in _capFields)
        {
            if (ReferenceEquals(name, container)) return fields;
        }
        return null;
    }

    /// <summary>The reader is on the feed's start tag; leaves it on its end tag.</summary>
    private ParsedDocument ReadFeed(ParseOptions options)
    {
        var collected = new CapIndexParser.Collected();
        var position = 0;
        for (var depth = _reader.Depth; NextChild(depth);)
        {
            if (!IsAtom(_entry))
            {
                Scan(keep: null, insideAlert: false);
                continue;
            }
            _elementsInUse = 0;
            _alerts.Clear();
            CapIndexParser.ParseEntry(ReadEntry(), _alerts, ++position, atom: true, OriginalAlertXml.None, options, collected);
        }
        return collected.ToDocument();
    }

    private FeedElement ReadEntry()
    {
        var entry = New(null);
        for (var depth = _reader.Depth; NextChild(depth);)
        {
            if (IsAtom(_id) || IsAtom(_updated))
            {
                ReadText(New(entry));
                continue;
            }
            if (IsAtom(_link)) New(entry).CopyAttributes(_reader);
            Scan(entry, insideAlert: false);
        }
        return entry;
    }

    /// <summary>Goes through the element the reader is on and everything in it. With a
    /// <paramref name="keep"/> element (inside an entry), alerts are read and added to it, under
    /// the Atom content elements they are in; without one (outside entries), they are not looked
    /// at, unless <paramref name="insideAlert"/>. Leaves the reader on the element's end (or empty) tag.</summary>
    private void Scan(FeedElement? keep, bool insideAlert)
    {
        var kept = keep is null ? null : _contents; // only an entry's own scan keeps content elements, and it is never nested
        kept?.Clear();
        var start = _reader.Depth;
        do
        {
            if (_reader.NodeType != XmlNodeType.Element) continue;
            if (insideAlert && IsAlert()) throw new NotForThisReader();
            while (kept is not null && kept.TryPeek(out var top) && top.Depth >= _reader.Depth) kept.Pop();
            var parent = kept is not null && kept.TryPeek(out var inner) ? inner.Element : keep;
            if (parent is not null && IsAlert())
            {
                _alerts.Add(ReadAlert(parent));
                if (_reader.Depth == start) return;
                continue;
            }
            if (parent is not null && IsAtom(_content) && !_reader.IsEmptyElement) kept!.Push((_reader.Depth, New(parent)));
            if (_reader.Depth == start && _reader.IsEmptyElement) return;
        } while (_reader.Read() && !(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == start));
    }

    /// <summary>The reader is on an alert's start tag; leaves it on its end tag.</summary>
    private FeedElement ReadAlert(FeedElement? parent)
    {
        var alert = New(parent);
        ReadFields(alert, FieldsOf(_alert)!);
        return alert;
    }

    /// <summary>The CAP fields of a container element (alert, info, area, eventCode...): leaves
    /// become elements holding their text, containers recurse, the rest is skipped.</summary>
    private void ReadFields(FeedElement container, string[] fields)
    {
        var isAlert = ReferenceEquals(container.LocalName, _alert);
        for (var depth = _reader.Depth; NextChild(depth);)
        {
            var name = _reader.LocalName;
            var ns = _reader.NamespaceURI;
            if (isAlert && ReferenceEquals(name, _signature) && ReferenceEquals(ns, _dsig)) throw new NotForThisReader();
            if (!ReferenceEquals(ns, container.NamespaceName) || !Contains(fields, name))
            {
                Scan(keep: null, insideAlert: true);
                continue;
            }
            var field = New(container);
            if (FieldsOf(name) is { } inner) ReadFields(field, inner);
            else ReadText(field);
        }
    }

    /// <summary>An element for the one the reader is on, added to <paramref name="parent"/>.</summary>
    private FeedElement New(FeedElement? parent)
    {
        if (_elementsInUse == _elements.Count)
        {
            _elements.Add(FeedElement.Create(_reader.LocalName, _reader.NamespaceURI, parent));
        }
        else
        {
            _elements[_elementsInUse].Reuse(_reader.LocalName, _reader.NamespaceURI, parent);
        }
        return _elements[_elementsInUse++];
    }

    private static bool Contains(string[] names, string name)
    {
        foreach (var candidate in names)
        {
            if (ReferenceEquals(candidate, name)) return true;
        }
        return false;
    }

    /// <summary>Puts the text of the element the reader is on, and of everything in it, into
    /// <paramref name="field"/> (what its <see cref="FeedElement.Value"/> would be on the whole tree).</summary>
    private void ReadText(FeedElement field)
    {
        if (_reader.IsEmptyElement) return;
        var start = _reader.Depth;
        string? single = null;
        StringBuilder? several = null;
        while (_reader.Read() && !(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == start))
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element when IsAlert():
                    throw new NotForThisReader();
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (single is null) single = _reader.Value;
                    else (several ??= new StringBuilder(single)).Append(_reader.Value);
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
    private bool NextChild(int depth)
    {
        if (_reader.Depth == depth && _reader.IsEmptyElement) return false;
        while (_reader.Read())
        {
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth) return false;
            if (_reader.NodeType == XmlNodeType.Element && _reader.Depth == depth + 1) return true;
        }
        return false;
    }
}
