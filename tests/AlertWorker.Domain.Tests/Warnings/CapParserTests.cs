using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

public class CapParserTests
{
    [Fact]
    public void Parse_MinimalAlert_ReadsEveryField()
    {
        var warning = Samples.Accepted(Samples.Minimal);

        Assert.Equal("test@example.org|TEST-0001", warning.Key);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(8)), warning.Sent);
        Assert.Equal((WarningStatus.Actual, MsgType.Alert, "Public", FeedKind.Cap), (warning.Status, warning.MsgType, warning.Scope, warning.Source));
        var info = Assert.Single(warning.Infos);
        Assert.Equal("en-US", info.Language);
        Assert.Equal(["Met"], info.Categories);
        Assert.Equal((Severity.Severe, "Expected", "Likely"), (info.Severity, info.Urgency, info.Certainty));
        var area = Assert.Single(info.Areas);
        Assert.Equal(new GeoPoint(30.0, 110.0), Assert.Single(area.Polygons).Shell[0]);
        Assert.Equal(new GeoCircle(new GeoPoint(30.5, 110.5), 5), Assert.Single(area.Circles));
    }

    [Fact]
    public void Parse_CmaStyleChineseAlert_ReadsBothLanguagesAndOrangeLevel()
    {
        var warning = Samples.Accepted(Samples.CmaRainstorm);

        Assert.Equal("广东省气象台|44000041600000_20250701080000", warning.Key);
        Assert.Equal(["zh-CN", "en"], warning.Infos.Select(i => i.Language));
        Assert.Equal(Level.Orange, warning.Level);
        Assert.Equal("暴雨", warning.InfoFor("zh-CN")!.Event);
        Assert.Equal("Rainstorm", warning.InfoFor("en-GB")!.Event);
        Assert.Equal(["441800", "440200"], warning.Infos[0].Areas[0].Geocodes.Select(g => g.Value));
        Assert.Equal(new NamedValue("CMA_PWS", "0203"), Assert.Single(warning.Infos[0].EventCodes));
    }

    public static TheoryData<string, string, string> RuleBreaks => new()
    {
        // each required alert element, missing
        { "no identifier", "<identifier>TEST-0001</identifier>|", "missing <identifier>" },
        { "no sender", "<sender>test@example.org</sender>|", "missing <sender>" },
        { "no sent", "<sent>2025-07-01T08:00:00+08:00</sent>|", "missing <sent>" },
        { "no status", "<status>Actual</status>|", "missing <status>" },
        { "no msgType", "<msgType>Alert</msgType>|", "missing <msgType>" },
        { "no scope", "<scope>Public</scope>|", "missing <scope>" },
        // each required info element, missing
        { "no category", "<category>Met</category>|", "info #1: missing <category>" },
        { "no event", "<event>Rainstorm</event>|", "info #1: missing <event>" },
        { "no urgency", "<urgency>Expected</urgency>|", "info #1: missing <urgency>" },
        { "no severity", "<severity>Severe</severity>|", "info #1: missing <severity>" },
        { "no certainty", "<certainty>Likely</certainty>|", "info #1: missing <certainty>" },
        // present but empty
        { "empty scope", "<scope>Public</scope>|<scope> </scope>", "<scope> is empty" },
        { "empty event", "<event>Rainstorm</event>|<event/>", "info #1: <event> is empty" },
        { "empty category", "<category>Met</category>|<category></category>", "info #1: <category> is empty" },
        // CAP forbids spaces and commas in identifier and sender
        { "identifier with space", "<identifier>TEST-0001</identifier>|<identifier>TEST 0001</identifier>", "identifier 'TEST 0001' contains a space or comma" },
        { "identifier with comma", "<identifier>TEST-0001</identifier>|<identifier>TEST,0001</identifier>", "identifier 'TEST,0001' contains a space or comma" },
        { "sender with space", "<sender>test@example.org</sender>|<sender>Test Office</sender>", "sender 'Test Office' contains a space or comma" },
        // values outside the CAP enumerations
        { "unknown severity", "<severity>Severe</severity>|<severity>Catastrophic</severity>", "severity 'Catastrophic' is not one of" },
        { "unknown status", "<status>Actual</status>|<status>Real</status>", "status 'Real' is not one of" },
        { "numeric msgType", "<msgType>Alert</msgType>|<msgType>1</msgType>", "msgType '1' is not one of" },
        // dates must be CAP date-times with an offset
        { "placeholder date", "<expires>2025-07-02T08:00:00+08:00</expires>|<expires>date:now +1 hour</expires>", "expires 'date:now +1 hour' is not a date-time with offset" },
        { "date without offset", "<sent>2025-07-01T08:00:00+08:00</sent>|<sent>2025-07-01T08:00:00</sent>", "sent '2025-07-01T08:00:00' is not a date-time with offset" },
        { "impossible date", "<sent>2025-07-01T08:00:00+08:00</sent>|<sent>2025-02-30T08:00:00+08:00</sent>", "is not a date-time with offset" },
        // shapes
        { "polygon not closed", "30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0|30.0,110.0 30.0,111.0 31.0,111.0 31.0,110.0", "info #1: area #1: polygon not closed" },
        { "polygon of three points", "30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0|30.0,110.0 30.0,111.0 30.0,110.0", "polygon has 3 points" },
        { "latitude 91", "30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0|91.0,110.0 30.0,111.0 31.0,111.0 91.0,110.0", "latitude 91 is out of range" },
        { "longitude 181", "30.5,110.5 5|30.5,181 5", "longitude 181 is out of range" },
        { "negative radius", "30.5,110.5 5|30.5,110.5 -1", "circle radius -1 is negative" },
        { "circle without radius", "30.5,110.5 5|30.5,110.5", "is not 'lat,lon radius'" },
        { "point not a number", "30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0|30.0,110.0 x,111.0 31.0,111.0 30.0,110.0", "point 'x,111.0' is not 'lat,lon'" },
        { "point of three numbers", "30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0|30.0,110.0 30.0,111.0,5 31.0,111.0 30.0,110.0", "point '30.0,111.0,5' is not 'lat,lon'" },
        { "point without longitude", "30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0|30.0,110.0 30.0, 31.0,111.0 30.0,110.0", "point '30.0,' is not 'lat,lon'" },
        { "circle with a third word", "30.5,110.5 5|30.5,110.5 5 km", "circle '30.5,110.5 5 km' is not 'lat,lon radius'" },
        { "circle centre not a point", "30.5,110.5 5|30.5 5", "point '30.5' is not 'lat,lon'" },
    };

    [Fact]
    public void Parse_ShapesAcrossLinesAndTabs_ReadAsWritten()
    {
        var warning = Samples.Accepted(Samples.Minimal
            .Replace("30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0", "\n  30.0,110.0\t30.0,111.0\r\n 3.1e1,111.0   30.0,+110.0 \n")
            .Replace("30.5,110.5 5", " 30.5,110.5\n\t2.5e0 "));

        var area = warning.Infos[0].Areas[0];
        Assert.Equal([new(30, 110), new(30, 111), new(31, 111), new(30, 110)], area.Polygons[0].Shell);
        Assert.Equal(new GeoCircle(new GeoPoint(30.5, 110.5), 2.5), area.Circles[0]);
    }

    [Theory]
    [MemberData(nameof(RuleBreaks))]
    public void Parse_AlertBreakingARule_IsRejectedWithOneLineReason(string why, string change, string expected)
    {
        var (from, to) = (change.Split('|')[0], change.Split('|')[1]);
        Assert.Contains(from, Samples.Minimal);

        var rejection = Samples.Rejected(Samples.Minimal.Replace(from, to));

        Assert.True(rejection.Error.Contains(expected), $"{why}: {rejection}");
        Assert.DoesNotContain('\n', rejection.ToString());
    }

    [Fact]
    public void Parse_AlertWithoutIdentifier_IsNamedByPosition()
    {
        var rejection = Samples.Rejected(Samples.Minimal.Replace("<identifier>TEST-0001</identifier>", ""));

        Assert.Equal("alert #1", rejection.Part);
    }

    [Fact]
    public void Parse_RejectedAlert_IsNamedBySenderAndIdentifier()
    {
        var rejection = Samples.Rejected(Samples.Minimal.Replace("<scope>Public</scope>", ""));

        Assert.Equal("alert test@example.org|TEST-0001", rejection.Part);
    }

    public static TheoryData<string, string, bool> ReferenceCases => new()
    {
        // an Update with <references/> empty is rejected
        { "Update", "<references/>", false },
        // so is a Cancel
        { "Cancel", "<references> </references>", false },
        // an Alert with an empty <references/> (CAP-CP style) says nothing
        { "Alert", "<references/>", true },
        // a triplet missing its sent time
        { "Update", "<references>a@b,ID-1</references>", false },
        // a triplet whose sent time is not a date
        { "Update", "<references>a@b,ID-1,yesterday</references>", false },
        // an Update without references is legal (the lifecycle treats it as new)
        { "Update", "", true },
        // two well-formed triplets
        { "Update", "<references>a@b,ID-1,2025-07-01T07:00:00+08:00 a@b,ID-2,2025-07-01T07:30:00+08:00</references>", true },
    };

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Parse_References_FollowCapRules(string msgType, string references, bool accepted)
    {
        var xml = Samples.Minimal.Replace("<msgType>Alert</msgType>", $"<msgType>{msgType}</msgType>")
            .Replace("<scope>Public</scope>", "<scope>Public</scope>" + references);

        var result = Samples.Parse(xml);

        Assert.Equal(accepted, result.Rejections.Count == 0);
    }

    [Fact]
    public void Parse_TwoReferences_KeepsEachKeyAndTime()
    {
        var xml = Samples.Minimal.Replace("<msgType>Alert</msgType>", "<msgType>Update</msgType>")
            .Replace("<scope>Public</scope>", "<scope>Public</scope><references>a@b,ID-1,2025-07-01T07:00:00+08:00 a@b,ID-2,2025-07-01T07:30:00+08:00</references>");

        var warning = Samples.Accepted(xml);

        Assert.Equal(["a@b|ID-1", "a@b|ID-2"], warning.References.Select(r => r.Key));
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 7, 30, 0, TimeSpan.FromHours(8)), warning.References[1].Sent);
    }

    [Fact]
    public void Parse_Cap11Namespace_IsAccepted()
    {
        var warning = Samples.Accepted(Samples.Minimal.Replace("cap:1.2", "cap:1.1"));

        Assert.Equal("TEST-0001", warning.Identifier);
    }

    [Fact]
    public void Parse_EcCanadaUpdate_ReadsBothLanguagesAndFourPolygons()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/ec-canada-update-en-fr-polygons.cap").Warnings);

        Assert.Equal(MsgType.Update, warning.MsgType);
        Assert.Equal(["en-CA", "fr-CA"], warning.Infos.Select(i => i.Language));
        Assert.Equal(4, warning.Infos.SelectMany(i => i.Areas).Sum(a => a.Polygons.Count));
        Assert.NotEmpty(warning.References);
    }

    [Fact]
    public void Parse_TaiwanDebrisFlow_FourInfosAtYellowFromTraditional黃色()
    {
        var warning = Assert.Single(Fixtures.Parse("china/tw-swcb-debris-flow-geo-4info.xml").Warnings);

        Assert.Equal(4, warning.Infos.Count);
        Assert.All(warning.Infos, i => Assert.Equal(["Geo"], i.Categories));
        Assert.Equal(Level.Yellow, warning.Level);
    }

    [Fact]
    public void Parse_UsgsIso88591_DecodesAccentedText()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/usgs-earthquake-iso8859-1.cap").Warnings);

        Assert.Contains("Usulután", warning.Infos[0].Headline);
    }

    [Fact]
    public void Parse_TaiwanWithBom_ReadsLowercaseLanguage()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/taiwan-wra-zh-tw-bom.cap").Warnings);

        Assert.Equal("ddmt01@wra.gov.tw|WRA_ReservoirWarn_201405142010", warning.Key);
        Assert.Equal("zh-tw", warning.Infos[0].Language);
    }

    [Fact]
    public void Parse_EarthquakeCircleOfRadiusZero_IsKept()
    {
        var warning = Assert.Single(Fixtures.Parse("china/tw-cwa-earthquake-circle-geocodes.cap").Warnings);

        var circle = Assert.Single(warning.Infos.SelectMany(i => i.Areas).SelectMany(a => a.Circles));
        Assert.Equal(new GeoCircle(new GeoPoint(23.759, 121.546), 0), circle);
        Assert.Equal(18, warning.Infos[0].Areas.Sum(a => a.Geocodes.Count));
    }

    [Fact]
    public void Parse_AthocCancelWithoutInfo_IsACancelWithItsReference()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/athoc-cancel-no-info.cap").Warnings);

        Assert.Equal(MsgType.Cancel, warning.MsgType);
        Assert.Empty(warning.Infos);
        Assert.Equal("AtHoc|1017033100951096-517189320160225203219800", Assert.Single(warning.References).Key);
    }

    [Fact]
    public void Parse_Iceland_ReadsIcelandicAndEnglish()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/iceland-imo-is-en-polygons.cap").Warnings);

        Assert.Equal(["is-IS", "en-US"], warning.Infos.Select(i => i.Language));
    }

    [Fact]
    public void Parse_Philippines_KeepsTestStatus()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/philippines-pagasa-test-polygon.cap").Warnings);

        Assert.Equal(WarningStatus.Test, warning.Status);
        Assert.NotEmpty(warning.Infos[0].Areas[0].Polygons);
    }

    [Fact]
    public void Parse_IpawsUpdate_TwoPolygonsInOneArea()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/ipaws-nws-update-multiple-polygons.xml").Warnings);

        Assert.Equal(2, Assert.Single(warning.Infos[0].Areas).Polygons.Count);
    }

    [Fact]
    public void Parse_ReservoirUpdate_SixReferencesFiveInfos()
    {
        var warning = Assert.Single(Fixtures.Parse("china/tw-wra-reservoir-update-5info.xml").Warnings);

        Assert.Equal(MsgType.Update, warning.MsgType);
        Assert.Equal(6, warning.References.Count);
        Assert.Equal(5, warning.Infos.Count);
    }

    [Fact]
    public void Parse_BureauOfMeteorologyPrefixed_ReadsPrefixedElements()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/au-bureau-met-prefixed-ns.cap").Warnings);

        Assert.NotEmpty(warning.Infos);
        Assert.All(warning.Infos, i => Assert.False(string.IsNullOrEmpty(i.Event)));
    }

    [Fact]
    public void Parse_HomelandSecurityNationwide_AreaHasNoShapeOrGeocode()
    {
        var warning = Assert.Single(Fixtures.Parse("cap/oasis-spec-homeland-security.cap").Warnings);

        var area = Assert.Single(Assert.Single(warning.Infos).Areas);
        Assert.Equal("U.S. nationwide and interests worldwide", area.AreaDesc);
        Assert.Empty(area.Polygons);
        Assert.Empty(area.Circles);
        Assert.Empty(area.Geocodes);
    }
}
