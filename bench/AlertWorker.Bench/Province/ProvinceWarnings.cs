using System.Globalization;
using System.Security;
using System.Text;

namespace AlertWorker.Bench.Province;

internal enum WarningShape { CountyPolygon, Circle, Geocode }

/// <summary>One generated warning: its shape kind and its CAP <c>&lt;alert&gt;</c> text.</summary>
internal sealed record GeneratedAlert(string Identifier, WarningShape Shape, string Xml);

/// <summary>
/// Warnings over the synthetic province as a county observatory issues them, CAP 1.2 in the CMA
/// style, deterministic for a seed, in three kinds taken in turn:
/// <list type="bullet">
/// <item>county-size polygons: a county's outline with 40 corners, wobbled, scaled by 0.95 to
/// 1.15 and shifted a little, so it also grazes its neighbours;</item>
/// <item>circles of 5 to 30 km around a place where hazard points are;</item>
/// <item>geocode only (行政区划代码): a whole county, or two to four of its townships.</item>
/// </list>
/// </summary>
internal sealed class ProvinceWarnings(ProvinceGenerator province, int seed)
{
    public const string Sender = "黔岭省气象台";
    private readonly Random _rng = new(seed);
    private int _sequence;

    public List<GeneratedAlert> Generate(int count) =>
        Enumerable.Range(0, count).Select(i => Next((WarningShape)(i % 3))).ToList();

    private GeneratedAlert Next(WarningShape shape)
    {
        var county = province.Counties[_rng.Next(province.Counties.Count)];
        var sent = new DateTimeOffset(2026, 6, 14, 5, 30, 0, TimeSpan.FromHours(8)).AddMinutes(_sequence);
        var identifier = string.Create(CultureInfo.InvariantCulture, $"{county.Code}41600000_{sent:yyyyMMddHHmmss}_{_sequence++}");
        var sentText = sent.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var area = new StringBuilder();
        string areaDesc;
        switch (shape)
        {
            case WarningShape.CountyPolygon:
                areaDesc = county.Name;
                area.Append("      <polygon>").Append(CountyPolygon(county.Cell)).Append("</polygon>\n");
                break;
            case WarningShape.Circle:
                var point = province.HazardPoints[_rng.Next(province.HazardPoints.Count)];
                var lon = double.Parse(point[4], CultureInfo.InvariantCulture) + (_rng.NextDouble() - 0.5) * 0.05;
                var lat = double.Parse(point[5], CultureInfo.InvariantCulture) + (_rng.NextDouble() - 0.5) * 0.05;
                areaDesc = $"{county.Name}及周边";
                area.Append("      <circle>").Append(Pair(lat, lon)).Append(' ')
                    .Append((5 + _rng.NextDouble() * 25).ToString("0.0", CultureInfo.InvariantCulture)).Append("</circle>\n");
                break;
            default:
                var codes = _rng.Next(2) == 0
                    ? [county.Code]
                    : county.Townships.OrderBy(_ => _rng.Next()).Take(_rng.Next(2, 5)).ToList();
                areaDesc = county.Name;
                foreach (var code in codes)
                    area.Append("      <geocode>\n        <valueName>行政区划代码</valueName>\n        <value>").Append(code).Append("</value>\n      </geocode>\n");
                break;
        }

        var (colour, severity) = _rng.Next(3) switch { 0 => ("红色", "Extreme"), 1 => ("橙色", "Severe"), _ => ("黄色", "Moderate") };
        var xml = $"""
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{identifier}</identifier>
              <sender>{Sender}</sender>
              <sent>{sentText}</sent>
              <status>Actual</status>
              <msgType>Alert</msgType>
              <scope>Public</scope>
              <info>
                <language>zh-CN</language>
                <category>Met</category>
                <event>暴雨</event>
                <responseType>Prepare</responseType>
                <urgency>Expected</urgency>
                <severity>{severity}</severity>
                <certainty>Likely</certainty>
                <eventCode>
                  <valueName>CMA_SIGNAL</valueName>
                  <value>0203</value>
                </eventCode>
                <effective>{sentText}</effective>
                <expires>2036-06-15T05:30:00+08:00</expires>
                <senderName>{Sender}</senderName>
                <headline>{SecurityElement.Escape(areaDesc)}暴雨{colour}预警</headline>
                <description>预计未来6小时内{SecurityElement.Escape(areaDesc)}降雨量将达50毫米以上，局地可达100毫米，并伴有雷电和短时强降水。山区发生山洪、滑坡、崩塌、泥石流等地质灾害的风险高。</description>
                <instruction>1. 政府及相关部门按照职责做好防暴雨应急工作；2. 地质灾害隐患点防灾责任人、监测人立即上岗巡查，发现险情按预案组织群众撤离；3. 切断低洼危险地带户外电源，暂停户外作业。</instruction>
                <parameter>
                  <valueName>预警级别</valueName>
                  <value>{colour}</value>
                </parameter>
                <area>
                  <areaDesc>{SecurityElement.Escape(areaDesc)}</areaDesc>
            {area.ToString().TrimEnd('\n')}
                </area>
              </info>
            </alert>
            """;
        return new GeneratedAlert(identifier, shape, xml);
    }

    /// <summary>The county cell's outline, 10 corners per side, each moved by up to 3% of the cell;
    /// the whole scaled about the centre and shifted by up to 5% of the cell.</summary>
    private string CountyPolygon(CountyCell cell)
    {
        var scale = 0.95 + _rng.NextDouble() * 0.2;
        var (du, dv) = ((_rng.NextDouble() - 0.5) * 0.1, (_rng.NextDouble() - 0.5) * 0.1);
        var corners = new List<LonLat>();
        (double U, double V)[] sides = [(0, 0), (1, 0), (1, 1), (0, 1)];
        for (var side = 0; side < 4; side++)
        {
            var (from, to) = (sides[side], sides[(side + 1) % 4]);
            for (var k = 0; k < 10; k++)
            {
                var t = k / 10.0;
                var u = from.U + (to.U - from.U) * t + (_rng.NextDouble() - 0.5) * 0.06;
                var v = from.V + (to.V - from.V) * t + (_rng.NextDouble() - 0.5) * 0.06;
                corners.Add(cell.At(0.5 + (u - 0.5) * scale + du, 0.5 + (v - 0.5) * scale + dv));
            }
        }
        corners.Add(corners[0]);
        return string.Join(' ', corners.Select(c => Pair(c.Lat, c.Lon)));
    }

    private static string Pair(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"{lat:0.0000},{lon:0.0000}");

    /// <summary>An Atom feed whose entries embed the alerts in <c>&lt;content&gt;</c>, the form
    /// <c>DocumentParser</c> reads as warnings (an entry with only a link is a link to fetch).</summary>
    public static byte[] AtomDocument(IReadOnlyList<GeneratedAlert> alerts)
    {
        var xml = new StringBuilder();
        xml.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>urn:qianling:cap:index</id>
              <title>黔岭省气象台 预警信号</title>
              <updated>2026-06-14T08:00:00+08:00</updated>

            """);
        foreach (var alert in alerts)
        {
            xml.Append("  <entry>\n")
                .Append("    <id>urn:qianling:cap:").Append(alert.Identifier).Append("</id>\n")
                .Append("    <title>暴雨预警</title>\n")
                .Append("    <updated>2026-06-14T08:00:00+08:00</updated>\n")
                .Append("    <content type=\"application/cap+xml\">\n")
                .Append(alert.Xml).Append('\n')
                .Append("    </content>\n")
                .Append("  </entry>\n");
        }
        xml.Append("</feed>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
