using System.Globalization;
using System.Text.RegularExpressions;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// Value rules shared by every format. CAP dateTime: xs:dateTime with an explicit offset, e.g. <c>2024-06-06T15:15:00-00:00</c>
/// (fractional seconds and <c>Z</c> are tolerated, as NWS and others send them). A time without an
/// offset, or anything else such as the test harness token <c>date:now +1 hour</c>, is refused:
/// guessing a zone would move a warning by hours.
/// </summary>
internal static partial class CapValues
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="WarningFormatException"/> that names
    /// <paramref name="field"/>.</summary>
    public static DateTimeOffset ParseDate(string text, string field)
    {
        var value = text.Trim();
        if (TryPlainDate(value, out var parsed) ||
            Shape().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
        {
            return parsed;
        }
        throw new WarningFormatException($"{field} '{Shorten(value)}' is not a date-time with offset");
    }

    /// <summary>The usual form, <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c>, with every part plainly in range,
    /// read directly (a feed index has three dates per alert); false for anything else, which
    /// <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>
    /// then decides. Where this is true, that gives the same value.</summary>
    private static bool TryPlainDate(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 25 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
            text[19] is not ('+' or '-') || text[22] != ':' ||
            !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day) ||
            !TryDigits(text[11..13], out var hour) || !TryDigits(text[14..16], out var minute) || !TryDigits(text[17..19], out var second) ||
            !TryDigits(text[20..22], out var offsetHours) || !TryDigits(text[23..], out var offsetMinutes))
        {
            return false;
        }
        // Years well inside DateTimeOffset's range whatever the offset; no hour 24, no leap second, offsets under 14 hours.
        if (year is < 1000 or > 9000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59 || offsetHours > 13 || offsetMinutes > 59)
        {
            return false;
        }
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        value = new DateTimeOffset(year, month, day, hour, minute, second, text[19] == '-' ? -offset : offset);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>A CAP coordinate or radius (<see cref="NumberStyles.Float"/>, invariant culture).
    /// Plain decimals of up to 15 digits (<c>30.1234</c>, <c>-102.5</c>) are computed directly: the
    /// digits as a whole number and a power of ten are both exact doubles, so one division rounds
    /// correctly, as <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>
    /// does; anything else is left to it.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        if (TryPlainDecimal(text, out value)) return true;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private static bool TryPlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        long digits = 0;
        var count = 0;
        var decimals = -1; // digits after the point; -1 before it
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++count > 15) return false;
                digits = digits * 10 + (c - '0');
                if (decimals >= 0) decimals++;
            }
            else if (c == '.' && decimals < 0) decimals = 0;
            else return false;
        }
        if (count == 0) return false;
        var magnitude = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    public static DateTimeOffset? ParseOptionalDate(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseDate(text, field);

    /// <summary>A CAP enumeration value (case-insensitive; numbers are not names).</summary>
    public static T ParseEnum<T>(string value, string field) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !char.IsAsciiDigit(value[0])
            ? parsed
            : throw new WarningFormatException($"{field} '{Shorten(value)}' is not one of {string.Join(", ", Enum.GetNames<T>())}");

    /// <summary>Keeps quoted input short so a reason stays one readable line.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
