using System.Text;
using System.Xml;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The only way feed XML is read. A DOCTYPE is refused outright (<see cref="DtdProcessing.Prohibit"/>),
/// so no entity, internal or external, is ever declared, expanded or fetched (XXE, billion laughs);
/// no resolver is set, so nothing outside the bytes is read; XInclude is not processed by
/// <see cref="XmlReader"/> at all. Encodings come from the BOM or the XML declaration; the code
/// pages (ISO-8859-1 is built in, Big5 and GBK are not) are registered once.
/// </summary>
internal static class SafeXml
{
    /// <summary>Enough for the largest feed document the size limit lets through.</summary>
    private const long MaxCharactersInDocument = 64L * 1024 * 1024;

    /// <summary>The message of the <see cref="XmlException"/> a prohibited DTD raises, learnt once from
    /// the reader itself so the check does not depend on the message's wording or language.</summary>
    private static readonly string DtdProhibitedMessage;

    static SafeXml()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        DtdProhibitedMessage = ProbeDtdProhibitedMessage();
    }

    public static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxCharactersInDocument,
        IgnoreProcessingInstructions = false,
        CloseInput = true,
    };

    /// <summary>Reads the bytes into a <see cref="FeedElement"/> tree, whitespace kept (signatures are
    /// verified on the original bytes, see <see cref="OriginalAlertXml"/>). Returns the one-line reason
    /// instead when the bytes are not well-formed XML or carry a DOCTYPE.</summary>
    public static FeedElement? TryLoad(byte[] content, out string? error)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), ReaderSettings());
            error = null;
            return FeedElement.Load(reader);
        }
        catch (XmlException ex) when (ex.Message == DtdProhibitedMessage)
        {
            error = "carries a DOCTYPE (DTDs and entities are never processed)";
        }
        catch (XmlException ex)
        {
            error = $"not well-formed XML: {OneLine(ex.Message)}";
        }
        catch (DecoderFallbackException ex)
        {
            error = $"not well-formed XML: bytes do not match the declared encoding ({OneLine(ex.Message)})";
        }
        return null;
    }

    /// <summary>Loads an element's own XML text into a fresh <see cref="XmlDocument"/> that keeps
    /// every whitespace node, for XML signature verification. Never clone such a document:
    /// a clone forgets <see cref="XmlDocument.PreserveWhitespace"/>.</summary>
    public static XmlDocument LoadForSignature(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings());
        document.Load(reader);
        return document;
    }

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string ProbeDtdProhibitedMessage()
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader("<!DOCTYPE a><a/>"), ReaderSettings());
            while (reader.Read()) { }
        }
        catch (XmlException ex)
        {
            return ex.Message;
        }
        throw new InvalidOperationException("The XML reader accepted a DOCTYPE although DTD processing is prohibited.");
    }
}
