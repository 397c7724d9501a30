using System.Diagnostics;
using System.Text;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>Hostile and broken documents are rejected whole, quickly, with one line, and never
/// read anything outside their own bytes.</summary>
public class DocumentParserSafetyTests
{
    private static ParsedDocument Parse(string text, ParseOptions? options = null) =>
        DocumentParser.Parse(Encoding.UTF8.GetBytes(text), options ?? ParseOptions.Default);

    [Fact]
    public void Parse_ExternalEntityToEtcPasswd_IsRejectedAndNeverRead()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE alert [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>
            """;

        var result = Parse(xml);

        Assert.True(result.RejectedWhole);
        Assert.Contains("DOCTYPE", result.DocumentError);
        Assert.DoesNotContain("root:", result.DocumentError);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void Parse_BillionLaughs_IsRejectedPromptly()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE lolz [{entities}]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol9;</identifier></alert>";
        var clock = Stopwatch.StartNew();

        var result = Parse(xml);

        Assert.True(result.RejectedWhole);
        Assert.Contains("DOCTYPE", result.DocumentError);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Parse_DoctypeAlone_IsRejected()
    {
        var result = Parse("<!DOCTYPE alert>" + Samples.Minimal[Samples.Minimal.IndexOf("<alert", StringComparison.Ordinal)..]);

        Assert.Equal("carries a DOCTYPE (DTDs and entities are never processed)", result.DocumentError);
    }

    [Fact]
    public void Parse_TruncatedXml_IsRejectedWithLineAndPosition()
    {
        var truncated = Samples.Minimal[..(Samples.Minimal.Length / 2)];

        var result = Parse(truncated);

        Assert.StartsWith("not well-formed XML: ", result.DocumentError);
        Assert.Contains("Line", result.DocumentError);
        Assert.DoesNotContain('\n', result.DocumentError!);
    }

    [Fact]
    public void Parse_OverTheSizeLimit_IsRejectedBeforeParsing()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.Minimal);

        var result = DocumentParser.Parse(bytes, new ParseOptions { MaxSize = 100 });

        Assert.Equal($"document is {bytes.Length} bytes, over the limit of 100 bytes", result.DocumentError);
    }

    [Fact]
    public void Parse_ExactlyAtTheSizeLimit_IsParsed()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.Minimal);

        var result = DocumentParser.Parse(bytes, new ParseOptions { MaxSize = bytes.Length });

        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Parse_Big5Html404Page_IsRejectedWhole()
    {
        var result = Fixtures.Parse("cap-invalid/tw-ncdr-404-html-big5-instead-of-cap.cap");

        Assert.True(result.RejectedWhole);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_HtmlWithoutDoctype_IsNotAKnownKind()
    {
        var result = Parse("<html><head><title>404</title></head><body>Not found</body></html>");

        Assert.Equal("not a CAP alert, Atom or RSS feed: root element is 'html'", result.DocumentError);
    }

    public static TheoryData<string, string> NotOneOfTheKinds => new()
    {
        // JSON that is not GeoJSON
        { """{"warning":[{"id":"1","title":"大风蓝色预警"}]}""", "JSON is not a GeoJSON FeatureCollection" },
        // a single GeoJSON Feature
        { """{"type":"Feature","properties":{},"geometry":null}""", "JSON is not a GeoJSON FeatureCollection" },
        // a FeatureCollection without features
        { """{"type":"FeatureCollection"}""", "has no 'features' array" },
        // a JSON array
        { "[1,2,3]", "JSON is not a GeoJSON FeatureCollection" },
        // broken JSON
        { """{"type":"FeatureCollection","features":[""", "not well-formed JSON" },
        // nothing at all
        { "  \r\n ", "document is empty" },
        // an XML alert in the wrong namespace
        { """<alert xmlns="urn:oasis:names:tc:emergency:alerts:1.2"/>""", "not CAP 1.2 or 1.1" },
        // an XML document of some other kind
        { """<kml xmlns="http://www.opengis.net/kml/2.2"/>""", "root element is 'kml' in namespace 'http://www.opengis.net/kml/2.2'" },
        // plain text
        { "Service Unavailable", "not well-formed XML" },
    };

    [Theory]
    [MemberData(nameof(NotOneOfTheKinds))]
    public void Parse_DocumentOfNoKnownKind_IsRejectedWhole(string content, string expected)
    {
        var result = Parse(content);

        Assert.True(result.RejectedWhole);
        Assert.Contains(expected, result.DocumentError);
    }

    [Fact]
    public void Parse_JsonNestingBomb_IsRejectedWhole()
    {
        var json = """{"type":"FeatureCollection","features":""" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var result = Parse(json);

        Assert.StartsWith("not well-formed JSON", result.DocumentError);
    }

    [Fact]
    public void Parse_XIncludeInsideAlert_IsNotProcessed()
    {
        var xml = Samples.Minimal.Replace("<scope>Public</scope>",
            """<scope>Public</scope><note xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></note>""");

        var warning = Samples.Accepted(xml);

        Assert.Equal("TEST-0001", warning.Identifier);
    }
}
