using System.Data.Common;
using System.Security.Cryptography;
using AlertWorker.Domain.Dispatch;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>
/// Gives each notification a short code no other notification has (SPEC §7): drawn at random from
/// <see cref="ShortCode.Alphabet"/>, drawn again on a collision, one character longer after a few
/// collisions in a row so that a full code space never stops planning.
/// </summary>
/// <param name="draw">The random source, given a length; cryptographic by default.</param>
public sealed class ShortCodeGenerator(Func<int, string>? draw = null)
{
    private const int TriesPerLength = 8;

    private readonly Func<int, string> _draw = draw ?? (length => RandomNumberGenerator.GetString(ShortCode.Alphabet, length));

    /// <summary>A code unused in the notifications table, checked inside the caller's write transaction.</summary>
    public async Task<string> UnusedAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        for (var length = ShortCode.Length; ; length++)
        {
            for (var attempt = 0; attempt < TriesPerLength; attempt++)
            {
                var code = ShortCode.Normalize(_draw(length));
                var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM notifications WHERE short_code = @Code", new { Code = code }, tx, cancellationToken: ct));
                if (taken == 0) return code;
            }
        }
    }
}
