namespace AlertWorker.Domain.Dispatch;

/// <summary>The code a person may add to an SMS answer to name one notification: a few characters
/// of an alphabet without look-alikes (no 0/O, 1/I/L), compared case-insensitively.</summary>
public static class ShortCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 4;

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static bool IsWellFormed(string code)
    {
        var normalized = Normalize(code);
        return normalized.Length >= Length && normalized.All(Alphabet.Contains);
    }
}
