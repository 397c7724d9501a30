using System.Xml;
using System.Xml.Linq;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The XML text of each CAP alert of a document exactly as written, for signature verification.
/// LINQ to XML may re-pick namespace prefixes when it writes an element back out (an AtHoc alert
/// declaring the signature namespace both as default and as <c>Signature:</c> comes out changed, and
/// its signature then fails), so the text comes from an <see cref="XmlDocument"/> read from the
/// original bytes with whitespace kept. Loaded only when some alert carries a signature.
/// </summary>
internal sealed class OriginalAlertXml(byte[] content, XElement root)
{
    private (List<XElement> Parsed, List<XmlElement> Original)? _alerts;

    /// <summary>The alert's outer XML as written in the original bytes.</summary>
    public string Of(XElement alert)
    {
        _alerts ??= Load();
        var (parsed, original) = _alerts.Value;
        return original[parsed.IndexOf(alert)].OuterXml;
    }

    private (List<XElement>, List<XmlElement>) Load()
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(content, writable: false), SafeXml.ReaderSettings()))
        {
            document.Load(reader);
        }
        var original = document.DocumentElement!.SelectNodes("descendant-or-self::*")!.OfType<XmlElement>()
            .Where(e => e.LocalName == "alert" && e.NamespaceURI is CapParser.Cap12Namespace or CapParser.Cap11Namespace)
            .ToList();
        var parsed = root.DescendantsAndSelf().Where(CapParser.IsAlert).ToList();
        return (parsed, original);
    }
}
