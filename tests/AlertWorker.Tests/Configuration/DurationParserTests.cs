using AlertWorker.Configuration;

namespace AlertWorker.Tests.Configuration;

public class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30)]       // seconds
    [InlineData("10m", 600)]      // minutes
    [InlineData("2h", 7200)]      // hours
    [InlineData("1d", 86400)]     // days
    [InlineData("1h30m", 5400)]   // compound
    [InlineData(" 10m ", 600)]    // surrounding spaces
    [InlineData("PT10M", 600)]    // ISO 8601
    [InlineData("P1DT2H", 93600)] // ISO 8601 with days
    [InlineData("pt90s", 90)]     // ISO 8601, lower case
    public void TryParse_ValidText_GivesDuration(string text, int seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]           // empty
    [InlineData("10")]         // no unit
    [InlineData("10 m")]       // space before the unit
    [InlineData("10min")]      // unknown unit
    [InlineData("-5m")]        // negative
    [InlineData("1.5h")]       // fraction
    [InlineData("30m1h")]      // units out of order
    [InlineData("PT")]         // ISO without a value
    [InlineData("P1X")]        // ISO with an unknown designator
    public void TryParse_InvalidText_Fails(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData(600, "10m")]
    [InlineData(5400, "1h30m")]
    [InlineData(93605, "1d2h5s")]
    public void Format_Duration_RoundTrips(int seconds, string expected)
    {
        var text = DurationParser.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
        Assert.True(DurationParser.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromSeconds(seconds), back);
    }
}
