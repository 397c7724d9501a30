using System.Text;
using System.Text.Json;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>
/// The light pass (<see cref="PrunedFeedReader"/>) against reading the whole tree: the same
/// warnings, rejections and links for every fixture and for documents built to catch where a
/// pruned tree could differ (text split by comments, fields in other namespaces or repeated,
/// alerts in and out of Atom content, links without href), and the documents it must leave to
/// the whole tree.
/// </summary>
public class PrunedFeedReaderTests
{
    private const string Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static TheoryData<string> XmlFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures.AllDataFiles().Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".geojson", StringComparison.Ordinal)))
            data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(XmlFixtures))]
    public void Parse_Fixture_SameAsWholeTree(string file)
    {
        var bytes = Fixtures.Bytes(file);

        Assert.Equal(Describe(DocumentParser.Parse(bytes, ParseOptions.Default, pruned: false)), Describe(DocumentParser.Parse(bytes, ParseOptions.Default)));
    }

    private static string Alert(string identifier, string fields = "", string extra = "") => $"""
        <alert xmlns="{Cap}">
          <identifier>{identifier}</identifier>
          <sender>s@example.org</sender>
          <sent>2026-06-14T05:30:00+08:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>{extra}
          <info>
            <category>Met</category>
            <event>暴雨</event>
            <urgency>Expected</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>{fields}
            <area><areaDesc>县</areaDesc><polygon>30.1,102.5 30.1,102.6 30.2,102.6 30.1,102.5</polygon>
              <geocode><valueName>code</valueName><value>511829</value></geocode></area>
          </info>
        </alert>
        """;

    private static string Feed(params string[] entries) => $"<feed xmlns=\"{Atom}\"><id>urn:feed</id>{string.Concat(entries)}</feed>";

    public static TheoryData<string, string> Tricky => new()
    {
        // a plain alert
        { "alert", Alert("A1") },
        // CAP 1.1
        { "cap 1.1", Alert("A1").Replace(Cap, "urn:oasis:names:tc:emergency:cap:1.1") },
        // text split by a comment, CDATA and an element inside a field; whitespace kept between
        { "split text", Alert("A<!--x-->1", "<description>line 1<!--c-->\n\n<!--c--><![CDATA[line <2>]]><b>bold</b> end</description>") },
        // references across comments: the whitespace node between them separates two triplets
        { "references", Alert("A1", extra: "<references>a,b,2026-06-14T05:30:00+08:00<!--x-->\n<!--y-->c,d,2026-06-14T05:30:00+08:00</references>") },
        // the first of two identifiers counts, even when empty
        { "repeated field", Alert("", extra: "<identifier>second</identifier>") },
        // a field in another namespace before the field is not the field
        { "foreign field", Alert("A1").Replace("<sender>", "<y:sender xmlns:y=\"urn:y\">nobody</y:sender><sender>").Replace("<event>", "<x:event xmlns:x=\"urn:x\">x</x:event><event>") },
        // unknown elements with text and children are skipped; an empty info; a bad date
        { "unknown and broken", Alert("A1", "<web>http://x</web><resource><uri>u</uri></resource><expires>tomorrow</expires>", "<note>n</note><info/>") },
        // an entry embedding an alert in content, behind an unknown wrapper; the entry links as well
        { "content wrapper", Feed($"<entry><id>e1</id><link href=\"http://x/a.xml\"/><content type=\"application/xml\"><wrap>{Alert("A1")}</wrap></content></entry>") },
        // a summary alert outside content next to a link: the link counts (NWS 2014)
        { "summary and link", Feed($"<entry><id>e1</id><updated>2026-06-14T08:00:00+08:00</updated><link rel=\"alternate\" href=\"http://x/a.xml\"/><summary>{Alert("A1")}</summary></entry>") },
        // an alert inside a link without href: no link, so the alert counts
        { "alert in link", Feed($"<entry><id>e1</id><link>{Alert("A1")}</link></entry>") },
        // two alerts in one entry, one in content and one not, no link: both, in document order
        { "two alerts", Feed($"<entry><content>{Alert("A1")}</content>{Alert("A2")}<content><content>{Alert("A3")}</content></content></entry>") },
        // an alert outside any entry is not read; an entry with neither alert nor link is rejected
        { "outside entries", Feed(Alert("A0"), "<entry><id>e1</id></entry>", $"<entry>{Alert("A1")}</entry>") },
        // two ids and typed links; the second id and a link in another namespace do not count
        { "ids and links", Feed($"<entry><id> </id><id>e2</id><link xmlns=\"urn:x\" href=\"http://y\"/><link rel=\"self\" href=\"http://x/self\"/><link type=\"application/cap+xml\" href=\" http://x/cap \"/></entry>") },
        // an empty feed
        { "empty feed", Feed() },
        // entries of different shapes one after another (each entry's tree is built from the elements of the one before):
        // a big alert, a link, a link without href (the attributes of the one before must not carry over), a broken alert,
        // an alert and links, an empty entry
        { "entries after entries", Feed(
            $"<entry><id>e1</id><content>{Alert("A1", "<parameter><valueName>p</valueName><value>v</value></parameter>", "<references>a,b,2026-06-14T05:30:00+08:00</references>")}</content></entry>",
            "<entry><id>e2</id><updated>2026-06-14T08:00:00+08:00</updated><link rel=\"alternate\" type=\"application/cap+xml\" href=\"http://x/2.xml\"/></entry>",
            "<entry><id>e2b</id><updated>2026-06-14T08:00:00+08:00</updated><link/></entry>",
            $"<entry><id>e3</id><content>{Alert("A3").Replace("<scope>Public</scope>", "")}</content></entry>",
            $"<entry><link rel=\"self\" href=\"http://x/4.xml\"/><link/><content>{Alert("A4", "<description>d</description>")}</content></entry>",
            "<entry/>",
            $"<entry><id>e6</id><content>{Alert("A6")}</content><content/></entry>") },
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Parse_TrickyDocument_PrunedAndSameAsWholeTree(string row, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);

        Assert.NotNull(PrunedFeedReader.TryParse(bytes, ParseOptions.Default));
        Assert.True(Describe(DocumentParser.Parse(bytes, ParseOptions.Default, pruned: false)) == Describe(DocumentParser.Parse(bytes, ParseOptions.Default)), row);
    }

    public static TheoryData<string, string> LeftToWholeTree => new()
    {
        // an alert nested in an alert field or in an unknown element of an alert
        { "alert in description", Alert("A1", $"<description>{Alert("A2")}</description>") },
        { "alert in unknown", Feed($"<entry>{Alert("A1", extra: $"<note>{Alert("A2")}</note>")}</entry>") },
        // a signed alert (checked on its original text)
        { "signed", Alert("A1", extra: "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/>") },
        // RSS, another root, a DOCTYPE, not well-formed after the root
        { "rss", $"<rss><channel><item>{Alert("A1")}</item></channel></rss>" },
        { "other root", "<html><body>404</body></html>" },
        { "doctype", $"<!DOCTYPE alert>{Alert("A1")}" },
        { "trailing garbage", Alert("A1") + "<x>" },
    };

    [Theory]
    [MemberData(nameof(LeftToWholeTree))]
    public void Parse_UnusualDocument_LeftToWholeTree(string row, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);

        Assert.True(PrunedFeedReader.TryParse(bytes, ParseOptions.Default) is null, row);
        Assert.True(Describe(DocumentParser.Parse(bytes, ParseOptions.Default, pruned: false)) == Describe(DocumentParser.Parse(bytes, ParseOptions.Default)), row);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_HundredThousandNestedElements_DoesNotExhaustTheStack(bool pruned)
    {
        const int depth = 100_000;
        var nested = string.Concat(Enumerable.Repeat("<x>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</x>", depth));
        var bytes = Encoding.UTF8.GetBytes(Alert("A1", $"<description>{nested}</description>", $"<note>{nested}</note>"));

        var result = DocumentParser.Parse(bytes, ParseOptions.Default, pruned);

        Assert.Equal("deep", Assert.Single(result.Warnings).Infos[0].Description);
    }

    /// <summary>Everything a parsed document says, as JSON (records with lists compare by reference).</summary>
    private static string Describe(ParsedDocument document) => JsonSerializer.Serialize(new
    {
        document.Kind,
        document.DocumentError,
        document.Warnings,
        Levels = document.Warnings.Select(w => w.Level),
        Rejections = document.Rejections.Select(r => r.ToString()),
        document.Links,
    });
}
