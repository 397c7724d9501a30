using System.Xml;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The XML text of each CAP alert of a document exactly as written, for signature verification.
/// The parsers' <see cref="FeedElement"/> tree cannot be written back out (and LINQ to XML would
/// re-pick namespace prefixes: an AtHoc alert declaring the signature namespace both as default and
/// as <c>Signature:</c> came out changed, and its signature then failed), so the text comes from an
/// <see cref="XmlDocument"/> read from the original bytes with whitespace kept. Loaded only when
/// some alert carries a signature. <see cref="None"/> stands in where no alert is signed (the
/// pruned read leaves signed documents to the whole tree).
/// </summary>
internal sealed class OriginalAlertXml(byte[] content, FeedElement? root)
{
    public static OriginalAlertXml None { get; } = new([], null);

    private (List<FeedElement> Parsed, List<XmlElement> Original)? _alerts;

    /// <summary>The alert's outer XML as written in the original bytes.</summary>
    public string Of(FeedElement alert)
    {
        if (root is null) throw new InvalidOperationException("no original text was kept: signed alerts are read as a whole tree");
        _alerts ??= Load();
        var (parsed, original) = _alerts.Value;
        return original[parsed.IndexOf(alert)].OuterXml;
    }

    private (List<FeedElement>, List<XmlElement>) Load()
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(content, writable: false), SafeXml.ReaderSettings()))
        {
            document.Load(reader);
        }
        var original = document.DocumentElement!.SelectNodes("descendant-or-self::*")!.OfType<XmlElement>()
            .Where(e => e.LocalName == "alert" && e.NamespaceURI is CapParser.Cap12Namespace or CapParser.Cap11Namespace)
            .ToList();
        var parsed = root!.DescendantsAndSelf().Where(CapParser.IsAlert).ToList();
        return (parsed, original);
    }
}
