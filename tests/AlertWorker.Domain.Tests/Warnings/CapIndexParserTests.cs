using System.Text;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

public class CapIndexParserTests
{
    private static ParsedDocument Parse(string xml) => DocumentParser.Parse(Encoding.UTF8.GetBytes(xml), ParseOptions.Default);

    [Fact]
    public void Parse_PrefixedAtomWithEmbeddedAlert_GivesTheAlertFromTheIndex()
    {
        var result = Fixtures.Parse("feed/amber-embedded-cap.atom");

        Assert.Equal(FeedKind.CapIndex, result.Kind);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("KARO@CLETS.DOJ.DC.GOV|http://doj.dc.gov/amber12345", warning.Key);
        Assert.Equal(FeedKind.CapIndex, warning.Source);
        Assert.Empty(result.Links);
    }

    [Fact]
    public void Parse_SignedEmbeddedUpdate_IsAcceptedWithItsReferences()
    {
        var result = Fixtures.Parse("feed/ec-canada-signed-embedded-cap.atom");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(MsgType.Update, warning.MsgType);
        Assert.Equal(9, warning.References.Count);
        Assert.Equal(["en-CA", "fr-CA"], warning.Infos.Select(i => i.Language));
    }

    [Fact]
    public void Parse_NwsAtomIndex_GivesLinksWithUpdatedTimes()
    {
        var result = Fixtures.Parse("feed/nws-weather-index.atom");

        Assert.Empty(result.Warnings);
        Assert.NotEmpty(result.Links);
        Assert.All(result.Links, l =>
        {
            Assert.StartsWith("http", l.Url);
            Assert.NotNull(l.Updated);
        });
    }

    [Fact]
    public void Parse_NwsCap11IndexWithSummaryAlert_TakesTheLinkNotTheSummary()
    {
        var result = Fixtures.Parse("feed/nws-oregon-cap11.atom");

        Assert.Empty(result.Warnings);
        var link = Assert.Single(result.Links);
        Assert.Contains("wwacapget.php", link.Url);
    }

    [Fact]
    public void Parse_RssIndex_GivesLinksNamedByGuid()
    {
        var result = Fixtures.Parse("feed/nyalert-index.rss");

        Assert.Equal(["NYAlert-ALLHAZALERT-3167113", "NYAlert-ALLHAZALERT-3162202"], result.Links.Select(l => l.EntryId));
        Assert.Equal("http://www.nyalert.gov/Public/News/GetCapAlert.aspx?capID=NYAlert-ALLHAZALERT-3167113", result.Links[0].Url);
        Assert.Equal(new DateTimeOffset(2011, 2, 4, 20, 20, 0, TimeSpan.Zero), result.Links[0].Updated);
    }

    [Fact]
    public void Parse_EmptyFeed_IsAcceptedWithNothingInIt()
    {
        var result = Fixtures.Parse("feed/nws-empty-index.atom");

        Assert.Equal(FeedKind.CapIndex, result.Kind);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Rejections);
        Assert.Empty(result.Links);
    }

    [Fact]
    public void Parse_AtomLinks_PreferTheCapTypedLink()
    {
        var result = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><id>e1</id><updated>2025-07-01T08:00:00+08:00</updated>
                <link rel="self" href="https://example.org/self"/>
                <link rel="related" type="application/cap+xml" href="https://example.org/alert.cap"/>
              </entry>
              <entry><id>e2</id><link rel="self" href="https://example.org/e2"/></entry>
              <entry><id>e3</id><link rel="related" href="https://example.org/elsewhere"/></entry>
            </feed>
            """);

        Assert.Equal([("e1", "https://example.org/alert.cap"), ("e2", "https://example.org/e2")], result.Links.Select(l => (l.EntryId, l.Url)));
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(8)), result.Links[0].Updated);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("entry e3", rejection.Part);
    }

    [Fact]
    public void Parse_OneBadEmbeddedAlert_OthersGoOn()
    {
        var good = Samples.Minimal[Samples.Minimal.IndexOf("<alert", StringComparison.Ordinal)..];
        var bad = good.Replace("TEST-0001", "TEST-0002").Replace("<scope>Public</scope>", "");
        var result = Parse($"""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><id>good</id><content type="text/xml">{good}</content></entry>
              <entry><id>bad</id><content type="text/xml">{bad}</content></entry>
            </feed>
            """);

        Assert.Equal("TEST-0001", Assert.Single(result.Warnings).Identifier);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("entry bad: alert test@example.org|TEST-0002", rejection.Part);
        Assert.Equal("missing <scope>", rejection.Error);
    }

    [Fact]
    public void Parse_EmbeddedAlertWithBadIdentifier_NamesEntryAndAlert()
    {
        var rejection = Assert.Single(Fixtures.Parse("cap-invalid/weather-invalid.atom").Rejections);

        Assert.StartsWith("entry http://www.weather.gov/alerts-beta/wwacapget.php?x=DC20100829202900", rejection.Part);
        Assert.Equal("identifier 'INVALID,' contains a space or comma", rejection.Error);
    }
}
