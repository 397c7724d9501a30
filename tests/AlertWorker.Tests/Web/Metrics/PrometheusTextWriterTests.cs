using AlertWorker.Web.Metrics;

namespace AlertWorker.Tests.Web.Metrics;

public class PrometheusTextWriterTests
{
    [Theory]
    // plain text is written as it is
    [InlineData("qinglan-met-cap", "m{feed=\"qinglan-met-cap\"} 1\n")]
    // a double quote would end the value early
    [InlineData("a\"b", "m{feed=\"a\\\"b\"} 1\n")]
    // a backslash is doubled, so that one before a quote stays a backslash
    [InlineData("a\\b", "m{feed=\"a\\\\b\"} 1\n")]
    // a line feed would end the sample line
    [InlineData("a\nb", "m{feed=\"a\\nb\"} 1\n")]
    public void Sample_LabelValue_EscapedPerTheTextFormat(string value, string expected)
    {
        var text = new PrometheusTextWriter().Sample("m", [("feed", value)], 1).ToString();

        Assert.Equal(expected, text);
    }

    [Theory]
    // whole numbers without a decimal point
    [InlineData(42, "42")]
    // fractions with a point whatever the culture
    [InlineData(0.5, "0.5")]
    // the +Inf bucket bound
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void FormatValue_Number_AsPrometheusReadsIt(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));

    [Fact]
    public void Family_HelpWithBackslashAndLineFeed_EscapedOnOneLine()
    {
        var text = new PrometheusTextWriter().Family("m", "gauge", "a\\b\nc").ToString();

        Assert.Equal("# HELP m a\\\\b\\nc\n# TYPE m gauge\n", text);
    }
}
