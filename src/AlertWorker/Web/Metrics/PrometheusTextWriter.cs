using System.Globalization;
using System.Text;

namespace AlertWorker.Web.Metrics;

/// <summary>
/// The Prometheus text exposition format, version 0.0.4: per family a <c># HELP</c> and a <c># TYPE</c> line,
/// then one line per sample, <c>name{label="value",...} number</c>. Label values escape backslash, double
/// quote and line feed; help text escapes backslash and line feed.
/// </summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusTextWriter Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusTextWriter Sample(string name, IReadOnlyList<(string Name, string Value)> labels, double value)
    {
        _text.Append(name);
        if (labels.Count > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                if (i > 0) _text.Append(',');
                _text.Append(labels[i].Name).Append("=\"").Append(EscapeLabelValue(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        return AppendValue(value);
    }

    public PrometheusTextWriter Sample(string name, double value) => Sample(name, [], value);

    public static string EscapeLabelValue(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public override string ToString() => _text.ToString();

    private PrometheusTextWriter AppendValue(double value)
    {
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
        return this;
    }
}
