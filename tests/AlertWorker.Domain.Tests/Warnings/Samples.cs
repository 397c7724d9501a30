using System.Text;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>Small hand-written documents (CAP and GeoJSON) for rules no real fixture isolates.</summary>
internal static class Samples
{
    /// <summary>A minimal valid CAP 1.2 alert; tests change one thing at a time by string replacement.</summary>
    public const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>TEST-0001</identifier>
          <sender>test@example.org</sender>
          <sent>2025-07-01T08:00:00+08:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Met</category>
            <event>Rainstorm</event>
            <urgency>Expected</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>
            <expires>2025-07-02T08:00:00+08:00</expires>
            <area>
              <areaDesc>Test valley</areaDesc>
              <polygon>30.0,110.0 30.0,111.0 31.0,111.0 30.0,110.0</polygon>
              <circle>30.5,110.5 5</circle>
            </area>
          </info>
        </alert>
        """;

    /// <summary>A CMA-style Chinese alert (no real one was found, see SOURCES.md "Gaps"): zh-CN and en
    /// info blocks, eventCode 0203 (暴雨 rainstorm, 03 orange), 行政区划代码 geocodes.</summary>
    public const string CmaRainstorm = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>44000041600000_20250701080000</identifier>
          <sender>广东省气象台</sender>
          <sent>2025-07-01T08:00:00+08:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <language>zh-CN</language>
            <category>Met</category>
            <event>暴雨</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>
            <eventCode><valueName>CMA_PWS</valueName><value>0203</value></eventCode>
            <effective>2025-07-01T08:00:00+08:00</effective>
            <expires>2025-07-01T20:00:00+08:00</expires>
            <senderName>广东省气象台</senderName>
            <headline>广东省气象台发布暴雨橙色预警[Ⅱ级/严重]</headline>
            <description>预计未来6小时内清远、韶关将出现50毫米以上降水。</description>
            <area>
              <areaDesc>清远市、韶关市</areaDesc>
              <geocode><valueName>行政区划代码</valueName><value>441800</value></geocode>
              <geocode><valueName>行政区划代码</valueName><value>440200</value></geocode>
            </area>
          </info>
          <info>
            <language>en</language>
            <category>Met</category>
            <event>Rainstorm</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>
            <eventCode><valueName>CMA_PWS</valueName><value>0203</value></eventCode>
            <expires>2025-07-01T20:00:00+08:00</expires>
            <headline>Guangdong Meteorological Observatory issues an orange rainstorm warning</headline>
            <area>
              <areaDesc>Qingyuan, Shaoguan</areaDesc>
              <geocode><valueName>行政区划代码</valueName><value>441800</value></geocode>
            </area>
          </info>
        </alert>
        """;

    /// <summary>A GeoJSON FeatureCollection of the given feature objects.</summary>
    public static ParsedDocument ParseFeatures(params string[] features) =>
        DocumentParser.Parse(Encoding.UTF8.GetBytes($$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}"""), ParseOptions.Default);

    public static ParsedDocument Parse(string xml, ParseOptions? options = null) =>
        DocumentParser.Parse(Encoding.UTF8.GetBytes(xml), options ?? ParseOptions.Default);

    /// <summary>Parses a document that must hold exactly one warning or one rejection.</summary>
    public static Warning Accepted(string xml, ParseOptions? options = null)
    {
        var result = Parse(xml, options);
        Assert.Null(result.DocumentError);
        Assert.True(result.Rejections.Count == 0, string.Join(" / ", result.Rejections));
        return Assert.Single(result.Warnings);
    }

    public static Rejection Rejected(string xml, ParseOptions? options = null)
    {
        var result = Parse(xml, options);
        Assert.Null(result.DocumentError);
        Assert.Empty(result.Warnings);
        return Assert.Single(result.Rejections);
    }
}
