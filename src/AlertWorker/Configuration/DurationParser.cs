using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace AlertWorker.Configuration;

/// <summary>
/// Durations in config files: <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, compounds such as
/// <c>1h30m</c>, or ISO 8601 (<c>PT10M</c>, <c>P1D</c>).
/// </summary>
public static partial class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
            return false;
        if (value.StartsWith('P') || value.StartsWith('p'))
            return TryParseIso(value.ToUpperInvariant(), out duration);

        var match = Compact().Match(value);
        if (!match.Success)
            return false;
        long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].ValueSpan, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h"))
            + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        return true;
    }

    /// <summary>The duration in the compact form that <see cref="TryParse"/> reads (<c>1h30m</c>, <c>45s</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return duration.ToString("c", CultureInfo.InvariantCulture);
        var text = (duration.Days > 0 ? $"{duration.Days}d" : "")
            + (duration.Hours > 0 ? $"{duration.Hours}h" : "")
            + (duration.Minutes > 0 ? $"{duration.Minutes}m" : "")
            + (duration.Seconds > 0 ? $"{duration.Seconds}s" : "");
        return text.Length > 0 ? text : duration.ToString("c", CultureInfo.InvariantCulture);
    }

    private static bool TryParseIso(string value, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(value);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
        catch (OverflowException)
        {
            duration = default;
            return false;
        }
    }

    [GeneratedRegex(@"^(?:(?<d>\d{1,6})d)?(?:(?<h>\d{1,7})h)?(?:(?<m>\d{1,9})m)?(?:(?<s>\d{1,11})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();
}
