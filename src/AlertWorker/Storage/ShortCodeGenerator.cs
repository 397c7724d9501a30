using System.Security.Cryptography;
using AlertWorker.Domain.Dispatch;

namespace AlertWorker.Storage;

/// <summary>
/// Draws the short codes a notification may get (SPEC §7): at random from <see cref="ShortCode.Alphabet"/>,
/// one character longer after a few draws at one length, so that a full code space never stops planning.
/// The notification takes the first one the table's unique index lets it insert (<see cref="NotificationRows"/>),
/// which also holds between instances writing at the same moment.
/// </summary>
/// <param name="draw">The random source, given a length; cryptographic by default.</param>
public sealed class ShortCodeGenerator(Func<int, string>? draw = null)
{
    private const int TriesPerLength = 8;

    private readonly Func<int, string> _draw = draw ?? (length => RandomNumberGenerator.GetString(ShortCode.Alphabet, length));

    /// <summary>Codes to try in turn, without end.</summary>
    public IEnumerable<string> Candidates()
    {
        for (var length = ShortCode.Length; ; length++)
        {
            for (var attempt = 0; attempt < TriesPerLength; attempt++)
                yield return ShortCode.Normalize(_draw(length));
        }
    }
}
