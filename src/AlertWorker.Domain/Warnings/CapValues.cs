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
        if (Shape().IsMatch(value) &&
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }
        throw new WarningFormatException($"{field} '{Shorten(value)}' is not a date-time with offset");
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
