using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>Every fixture gives what fixtures/EXPECTED.md says, with the one deviation explained
/// at its row.</summary>
public class DocumentParserFixtureTests
{
    public enum Outcome { Accepted, RejectedWhole, RejectedInPart }

    /// <summary>file, outcome, text the rejection must contain (part or error), number of rejected parts.</summary>
    public static TheoryData<string, Outcome, string?, int> Expectations => new()
    {
        // Cancel without <info>, on one line
        { "cap/athoc-cancel-no-info.cap", Outcome.Accepted, null, 0 },
        // every element cap:-prefixed
        { "cap/au-bureau-met-prefixed-ns.cap", Outcome.Accepted, null, 0 },
        // two circles
        { "cap/au-nsw-rfs-bushfire-circle.cap", Outcome.Accepted, null, 0 },
        // Update of an unknown alert, en/fr, 4 polygons
        { "cap/ec-canada-update-en-fr-polygons.cap", Outcome.Accepted, null, 0 },
        // is/en info blocks
        { "cap/iceland-imo-is-en-polygons.cap", Outcome.Accepted, null, 0 },
        // extra IPAWS namespaces, 2 polygons in one area
        { "cap/ipaws-nws-update-multiple-polygons.xml", Outcome.Accepted, null, 0 },
        // es-419
        { "cap/mexico-smn-cyclone-update.xml", Outcome.Accepted, null, 0 },
        // CAP-CP geocodes
        { "cap/naad-canada-2019-en-fr.xml", Outcome.Accepted, null, 0 },
        // Update with references
        { "cap/nws-wcatwc-tsunami-update-references.cap", Outcome.Accepted, null, 0 },
        // en/es
        { "cap/oasis-spec-amber-alert-cap12.xml", Outcome.Accepted, null, 0 },
        // Update, circle
        { "cap/oasis-spec-earthquake-update-references.xml", Outcome.Accepted, null, 0 },
        // no <area>
        { "cap/oasis-spec-homeland-security.cap", Outcome.Accepted, null, 0 },
        // polygon + SAME geocodes
        { "cap/oasis-spec-thunderstorm-polygon.cap", Outcome.Accepted, null, 0 },
        // status Test
        { "cap/philippines-pagasa-test-polygon.cap", Outcome.Accepted, null, 0 },
        // UTF-8 BOM, zh-tw
        { "cap/taiwan-wra-zh-tw-bom.cap", Outcome.Accepted, null, 0 },
        // declared ISO-8859-1
        { "cap/usgs-earthquake-iso8859-1.cap", Outcome.Accepted, null, 0 },
        // DEVIATION from EXPECTED.md ("accepted: its XML signature verifies"): it does not. Its
        // DigestValue matches no canonical form of the alert (C14N 1.0/1.1, exclusive, whole
        // document or root, any whitespace around the removed signature) and the ECDSA
        // SignatureValue does not verify over SignedInfo with its own certificate. Its twin
        // "bad-digest" differs only in the unused padding bits of that DigestValue. SPEC §3.1 wins:
        // a signature that does not verify is rejected.
        { "cap/wmo-togo-signed-valid-fr-polygons.xml", Outcome.RejectedInPart, "XML signature does not verify", 1 },
        // same alert, no signature
        { "cap/wmo-togo-unsigned-fr-polygons.xml", Outcome.Accepted, null, 0 },
        // not one of the four kinds
        { "china/qweather-alert-v1-beta-huidong-rainstorm-update.json", Outcome.RejectedWhole, "FeatureCollection", 0 },
        { "china/qweather-alert-v1-current-update-supersedes-zh.json", Outcome.RejectedWhole, "FeatureCollection", 0 },
        { "china/qweather-v7-warning-now-shanghai-zh.json", Outcome.RejectedWhole, "FeatureCollection", 0 },
        // circle of radius 0
        { "china/tw-cwa-earthquake-circle-geocodes.cap", Outcome.Accepted, null, 0 },
        // polygon, no geocode
        { "china/tw-cwa-thunderstorm-polygon.cap", Outcome.Accepted, null, 0 },
        // status Test
        { "china/tw-cwb-tsunami-status-test.xml", Outcome.Accepted, null, 0 },
        // two polygons
        { "china/tw-cwb-typhoon-two-polygons.xml", Outcome.Accepted, null, 0 },
        // category Geo, 4 info blocks
        { "china/tw-swcb-debris-flow-geo-4info.xml", Outcome.Accepted, null, 0 },
        // Update with 6 references, 5 info blocks
        { "china/tw-wra-reservoir-update-5info.xml", Outcome.Accepted, null, 0 },
        // atom:-prefixed, embedded alert
        { "feed/amber-embedded-cap.atom", Outcome.Accepted, null, 0 },
        // embedded signed Update (its Environment Canada signature verifies)
        { "feed/ec-canada-signed-embedded-cap.atom", Outcome.Accepted, null, 0 },
        // entries carry links only
        { "feed/krisinformation-sweden.atom", Outcome.Accepted, null, 0 },
        // MeteoAlarm's JSON API: not one of the four kinds
        { "feed/meteoalarm-api-warnings-germany.json", Outcome.RejectedWhole, "FeatureCollection", 0 },
        // no entries
        { "feed/nws-empty-index.atom", Outcome.Accepted, null, 0 },
        // CAP 1.1 era index, links only
        { "feed/nws-oregon-cap11.atom", Outcome.Accepted, null, 0 },
        // links only
        { "feed/nws-weather-index.atom", Outcome.Accepted, null, 0 },
        // RSS index, links only
        { "feed/nyalert-index.rss", Outcome.Accepted, null, 0 },
        // Update with 4 references
        { "geojson/pynws-alerts-active-zone-update-4refs.json", Outcome.Accepted, null, 0 },
        // both of its alerts carry placeholder dates
        { "geojson/weathergov-area-AL-2-updates-some-placeholder-dates.json", Outcome.RejectedInPart, "date:now", 2 },
        // every date is a placeholder: all 8 features
        { "geojson/weathergov-loadtest-hurricane-polygon-PLACEHOLDER-DATES.json", Outcome.RejectedInPart, "is not a date-time with offset", 8 },
        // entry id1 has neither embedded alert nor link
        { "cap-invalid/atom-invalid-element.atom", Outcome.RejectedInPart, "entry id1", 1 },
        // same, and no id: named by position
        { "cap-invalid/atom-no-id.atom", Outcome.RejectedInPart, "entry #1", 1 },
        // <references/> present but empty
        { "cap-invalid/canada-empty-references.cap", Outcome.RejectedInPart, "<references> is present but empty", 1 },
        // no <scope>
        { "cap-invalid/missing-scope.cap", Outcome.RejectedInPart, "missing <scope>", 1 },
        // empty references (found first), urgency, severity, certainty
        { "cap-invalid/noaa-empty-references-urgency.cap", Outcome.RejectedInPart, "empty", 1 },
        // empty item
        { "cap-invalid/rss-item-empty.rss", Outcome.RejectedInPart, "entry #1", 1 },
        // CAP element names in another namespace
        { "cap-invalid/taiwan-wrong-namespace.cap", Outcome.RejectedWhole, "not CAP 1.2 or 1.1", 0 },
        // an HTML 404 page (it starts with an XHTML DOCTYPE)
        { "cap-invalid/tw-ncdr-404-html-big5-instead-of-cap.cap", Outcome.RejectedWhole, "DOCTYPE", 0 },
        // embedded alert's identifier "INVALID, "
        { "cap-invalid/weather-invalid.atom", Outcome.RejectedInPart, "contains a space or comma", 1 },
        // DigestValue altered
        { "cap-invalid/wmo-togo-signed-bad-digest.xml", Outcome.RejectedInPart, "XML signature does not verify", 1 },
        // DOCTYPE with external entities
        { "cap-invalid/xxe-xinclude-attack.atom", Outcome.RejectedWhole, "DOCTYPE", 0 },
        { "cap-invalid/xxe-xinclude-attack.cap", Outcome.RejectedWhole, "DOCTYPE", 0 },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Parse_Fixture_GivesExpectedOutcome(string file, Outcome outcome, string? detail, int rejectedParts)
    {
        var result = Fixtures.Parse(file);

        switch (outcome)
        {
            case Outcome.Accepted:
                Assert.False(result.RejectedWhole, result.DocumentError);
                Assert.True(result.Rejections.Count == 0, string.Join(" / ", result.Rejections));
                Assert.NotNull(result.Kind);
                break;
            case Outcome.RejectedWhole:
                Assert.True(result.RejectedWhole);
                Assert.Contains(detail!, result.DocumentError);
                Assert.DoesNotContain('\n', result.DocumentError!);
                Assert.Empty(result.Warnings);
                break;
            case Outcome.RejectedInPart:
                Assert.False(result.RejectedWhole, result.DocumentError);
                Assert.True(rejectedParts == result.Rejections.Count, string.Join(" / ", result.Rejections));
                Assert.All(result.Rejections, r =>
                {
                    Assert.Contains(detail!, r.ToString());
                    Assert.DoesNotContain('\n', r.ToString());
                });
                break;
        }
    }

    [Fact]
    public void Expectations_CoverEveryFixtureFile()
    {
        var listed = Expectations.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();
        var onDisk = Fixtures.AllDataFiles();

        Assert.Equal(50, onDisk.Count);
        Assert.Equal(onDisk, listed);
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Parse_Fixture_RecognisesKindFromContent(string file, Outcome outcome, string? detail, int rejectedParts)
    {
        _ = (detail, rejectedParts);
        var result = Fixtures.Parse(file);
        if (outcome == Outcome.RejectedWhole) return;

        var expected = file switch
        {
            _ when file.EndsWith(".atom") || file.EndsWith(".rss") => FeedKind.CapIndex,
            _ when file.StartsWith("geojson/") => FeedKind.NwsGeoJson,
            _ => FeedKind.Cap,
        };
        Assert.Equal(expected, result.Kind);
    }
}
