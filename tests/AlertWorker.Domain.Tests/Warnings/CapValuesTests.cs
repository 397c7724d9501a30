using System.Globalization;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>
/// The direct readings of the usual dates and coordinates in <see cref="CapValues"/> against the
/// framework's parsing they stand in for: the same answer, accepted or refused, and the same value,
/// on the edges (month lengths, leap years, hour 24, second 60, offsets at and past 14 hours, the
/// ends of the calendar, long and signed numbers) and on thousands of seeded random strings.
/// </summary>
public class CapValuesTests
{
    public static TheoryData<string> DateEdges => new()
    {
        "2026-06-14T05:30:00+08:00", "2026-06-14T05:30:00-00:00", "2026-06-14T05:30:00+00:00", "2026-06-14T05:30:00-05:45",
        "2024-02-29T00:00:00+01:00", "2023-02-29T00:00:00+01:00", "2026-04-31T12:00:00+08:00", "2026-12-31T23:59:59+08:00",
        "2026-06-14T24:00:00+08:00", "2026-06-14T23:60:00+08:00", "2016-12-31T23:59:60+00:00", "2026-00-10T05:30:00+08:00",
        "2026-13-10T05:30:00+08:00", "2026-06-00T05:30:00+08:00", "2026-06-14T05:30:00+13:59", "2026-06-14T05:30:00+14:00",
        "2026-06-14T05:30:00-14:00", "2026-06-14T05:30:00+14:01", "2026-06-14T05:30:00+15:00", "2026-06-14T05:30:00+08:60",
        "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00-01:00", "9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59+01:00",
        "0999-06-14T05:30:00+08:00", "9001-06-14T05:30:00+08:00", "2026-06-14T05:30:00Z", "2026-06-14T05:30:00.5+08:00",
        "2026-06-14T05:30:00", "2026-06-14 05:30:00+08:00", "2026-06-14T05:30:00+0800", "２０２６-06-14T05:30:00+08:00",
        " 2026-06-14T05:30:00+08:00 ", "date:now +1 hour",
    };

    [Theory]
    [MemberData(nameof(DateEdges))]
    public void ParseDate_EdgeCase_SameAsTryParse(string text) => AssertDateAsFramework(text);

    [Fact]
    public void ParseDate_RandomDatesOfTheUsualShape_SameAsTryParse()
    {
        var random = new Random(20261127);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{random.Next(0, 10_000):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}T{random.Next(0, 26):D2}:{random.Next(0, 62):D2}:" +
                $"{random.Next(0, 62):D2}{(random.Next(2) == 0 ? '+' : '-')}{random.Next(0, 16):D2}:{random.Next(0, 62):D2}");
            AssertDateAsFramework(text);
        }
    }

    /// <summary>What <see cref="CapValues.ParseDate"/> was before the direct reading: the shape, then TryParse.</summary>
    private static void AssertDateAsFramework(string text)
    {
        var value = text.Trim();
        var shaped = System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$");
        DateTimeOffset? expected = shaped && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

        DateTimeOffset? actual;
        try
        {
            actual = CapValues.ParseDate(text, "sent");
        }
        catch (WarningFormatException)
        {
            actual = null;
        }

        Assert.True(expected == actual && expected?.Offset == actual?.Offset, $"{text}: expected {expected:O}, got {actual:O}");
    }

    public static TheoryData<string> NumberEdges => new()
    {
        "0", "-0", "0.0", "-0.0", "30.1234", "-102.5", "102.", ".5", "-.5", "+1.5", "1e3", "1.5E-3", "123456789012345", "1234567890123456",
        "0.000000000000001", "0.0000000000000001", "9007199254740993", "90.00000000000001", "179.99999999999999", "00000000000000000001",
        "1,5", "1.2.3", "", "-", ".", "NaN", "Infinity", "١٢", "1_0", " 1", "1 ",
    };

    [Theory]
    [MemberData(nameof(NumberEdges))]
    public void TryParseNumber_EdgeCase_SameAsDoubleTryParse(string text) => AssertNumberAsFramework(text);

    [Fact]
    public void TryParseNumber_RandomDecimals_SameAsDoubleTryParse()
    {
        var random = new Random(20261128);
        for (var i = 0; i < 50_000; i++)
        {
            var whole = random.NextInt64(0, (long)Math.Pow(10, random.Next(1, 10))).ToString(CultureInfo.InvariantCulture);
            var fraction = random.NextInt64(0, (long)Math.Pow(10, random.Next(0, 11))).ToString(CultureInfo.InvariantCulture)
                .PadLeft(random.Next(0, 12), '0');
            var text = (random.Next(3) == 0 ? "-" : "") + whole + (fraction.Length > 0 ? "." + fraction : "");
            AssertNumberAsFramework(text);
        }
    }

    private static void AssertNumberAsFramework(string text)
    {
        var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);

        var actualOk = CapValues.TryParseNumber(text, out var actual);

        Assert.True(expectedOk == actualOk && (!expectedOk || BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)),
            $"{text}: expected {expectedOk} {expected:R}, got {actualOk} {actual:R}");
    }
}
