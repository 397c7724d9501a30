using System.Globalization;

namespace AlertWorker.Storage;

/// <summary>Times as the SQLite tables hold them: ISO 8601 in UTC, so that text order is time order.</summary>
internal static class StoredTime
{
    public static string Write(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Write(DateTimeOffset? value) => value is { } v ? Write(v) : null;

    public static DateTimeOffset Read(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadOptional(string? value) => value is null ? null : Read(value);
}
