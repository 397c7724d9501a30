using System.Text;
using System.Text.Json;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>The CAP writer is the parser's inverse: whatever a warning holds comes back from its document.</summary>
public class CapWriterTests
{
    public static TheoryData<string> CapFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures.AllDataFiles().Where(f => Fixtures.Parse(f) is { Kind: FeedKind.Cap, Warnings.Count: > 0 }))
            data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(CapFixtures))]
    public void Write_EveryAcceptedCapFixture_ParsesBackToTheSameWarning(string file)
    {
        foreach (var warning in Fixtures.Parse(file).Warnings)
        {
            var document = DocumentParser.Parse(CapWriter.Write(warning), ParseOptions.Default);

            Assert.True(document.DocumentError is null && document.Rejections.Count == 0,
                $"{file}: {document.DocumentError} {string.Join("; ", document.Rejections)}");
            Assert.Equal(Json(warning), Json(Assert.Single(document.Warnings)));
        }
    }

    [Fact]
    public void Write_EveryFieldAWarningKeeps_ComesBack()
    {
        var sent = new DateTimeOffset(2026, 7, 10, 9, 5, 0, TimeSpan.FromHours(8));
        var warning = new Warning
        {
            Sender = "manual:duty",
            Identifier = "AW-20260710090500-7KQ2MX",
            Sent = sent,
            Status = WarningStatus.Exercise,
            MsgType = MsgType.Update,
            Scope = "Restricted",
            References = [new WarningReference("青岚县气象台", "51182941600000_20260710090000_0", sent.AddMinutes(-5))],
            Source = FeedKind.Cap,
            Infos =
            [
                new WarningInfo
                {
                    Language = "zh-CN", Categories = ["Geo", "Met"], Event = "地质灾害气象风险", Urgency = "Immediate", Severity = Severity.Severe,
                    Certainty = "Likely", Effective = sent, Onset = sent.AddHours(1), Expires = sent.AddDays(1), SenderName = "县气象台 电话 张三",
                    Headline = "橙色 <预警> & 演练", Description = "第一行\n第二行", Instruction = "撤离",
                    EventCodes = [new NamedValue("CMA", "0203")],
                    Parameters = [new NamedValue("预警级别", "橙色"), new NamedValue("AlertWorker:enteredBy", "duty")],
                    Areas =
                    [
                        new WarningArea
                        {
                            AreaDesc = "金鸡乡、双河乡",
                            Polygons = [new GeoPolygon([new(30.1, 102.8), new(30.1, 102.9), new(30.2, 102.9), new(30.1, 102.8)])],
                            Circles = [new GeoCircle(new GeoPoint(30.05, 102.86), 2.5)],
                            Geocodes = [new NamedValue("行政区划代码", "511829204"), new NamedValue("行政区划代码", "511829202")],
                        },
                    ],
                },
                new WarningInfo { Language = "en", Categories = ["Geo"], Event = "Geohazard risk", Severity = Severity.Severe },
            ],
        };

        var document = DocumentParser.Parse(CapWriter.Write(warning), ParseOptions.Default);

        Assert.Equal(FeedKind.Cap, document.Kind);
        Assert.Equal(Json(warning), Json(Assert.Single(document.Warnings)));
        Assert.Equal(Level.Orange, document.Warnings[0].Level);
    }

    [Fact]
    public void Write_Alert_IsCap12WithItsElementsInSchemaOrder()
    {
        var warning = new Warning
        {
            Sender = "s", Identifier = "i", Sent = DateTimeOffset.UnixEpoch, Status = WarningStatus.Actual, MsgType = MsgType.Alert, Source = FeedKind.Cap,
            Infos = [new WarningInfo { Event = "e", Categories = ["Met"], Expires = DateTimeOffset.UnixEpoch, Headline = "h" }],
        };

        var text = Encoding.UTF8.GetString(CapWriter.Write(warning));

        Assert.Contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", text);
        Assert.Contains("<sent>1970-01-01T00:00:00+00:00</sent>", text);
        string[] order = ["<identifier>", "<sender>", "<sent>", "<status>", "<msgType>", "<scope>", "<info>", "<language>", "<category>", "<event>",
            "<urgency>", "<severity>", "<certainty>", "<expires>", "<headline>"];
        Assert.Equal(order, order.OrderBy(tag => text.IndexOf(tag, StringComparison.Ordinal)));
    }

    private static string Json(Warning warning) => JsonSerializer.Serialize(warning with { Source = FeedKind.Cap });
}
