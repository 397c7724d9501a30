using System.Globalization;
using System.Text.RegularExpressions;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// CAP dateTime: xs:dateTime with an explicit offset, e.g. <c>2024-06-06T15:15:00-00:00</c>
/// (fractional seconds and <c>Z</c> are tolerated, as NWS and others send them). A time without an
/// offset, or anything else such as the test harness token <c>date:now +1 hour</c>, is refused:
/// guessing a zone would move a warning by hours.
/// </summary>
internal static partial class CapDateTime
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="WarningFormatException"/> that names
    /// <paramref name="field"/>.</summary>
    public static DateTimeOffset Parse(string text, string field)
    {
        var value = text.Trim();
        if (Shape().IsMatch(value) &&
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }
        throw new WarningFormatException($"{field} '{Shorten(value)}' is not a date-time with offset");
    }

    public static DateTimeOffset? ParseOptional(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, field);

    /// <summary>Keeps quoted input short so a reason stays one readable line.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
