using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace AlertWorker.Hosting;

/// <summary>
/// Masks phone numbers and email addresses in every string property of a log event, whatever
/// logged it (a config problem quoting a bad phone, a provider error quoting an address): logs
/// carry person ids, never contact details.
/// </summary>
public sealed partial class PersonalDataMasking : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && Mask(text) is var masked && !ReferenceEquals(masked, text))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
        }
    }

    /// <summary>Keeps the last 4 digits of a phone number and the first letter and domain of an
    /// email: enough to tell two apart when investigating, not enough to call or write.</summary>
    public static string Mask(string text)
    {
        if (!text.Contains('@') && !PhoneLike().IsMatch(text)) return text;
        var masked = Email().Replace(text, m => $"{m.Groups["first"].Value}***@{m.Groups["domain"].Value}");
        return PhoneLike().Replace(masked, m => new string('*', m.Length - 4) + m.Value[^4..]);
    }

    /// <summary>An international number (+ and 7 to 15 digits, spaces allowed) or a Chinese
    /// mobile number written without the country code (11 digits starting 13..19).</summary>
    [GeneratedRegex(@"\+\d[\d ]{5,17}\d|(?<![\d\w])1[3-9]\d{9}(?![\d\w])")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"(?<first>[^\s@'""<>(),;:])[^\s@'""<>(),;:]*@(?<domain>[^\s@'""<>(),;:]+)")]
    private static partial Regex Email();
}
