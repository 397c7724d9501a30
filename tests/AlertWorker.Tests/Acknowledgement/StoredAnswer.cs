using System.Data.Common;
using Dapper;

namespace AlertWorker.Tests.Acknowledgement;

/// <summary>An answer as the notifications table holds it, read straight from the database so that
/// tests see what the record and the board will see.</summary>
internal sealed record StoredAnswer(long Id, string State, DateTimeOffset? AcknowledgedAt, string? AnswerMethod, string? AnsweredBy, string? AnswerNote)
{
    private const string Columns =
        "SELECT id AS Id, state AS State, acknowledged_at AS AcknowledgedAt, answer_method AS AnswerMethod, answered_by AS AnsweredBy, answer_note AS AnswerNote FROM notifications";

    /// <summary>The answered notifications, by id.</summary>
    public static async Task<IReadOnlyList<StoredAnswer>> ListAsync(DbDataSource database)
    {
        await using var connection = await database.OpenConnectionAsync();
        return (await connection.QueryAsync<StoredAnswer>($"{Columns} WHERE acknowledged_at IS NOT NULL ORDER BY id")).ToList();
    }

    public static async Task<StoredAnswer> OfAsync(DbDataSource database, long notificationId)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<StoredAnswer>($"{Columns} WHERE id = @Id", new { Id = notificationId });
    }

    /// <summary>What an answer made at <paramref name="at"/> leaves in the row.</summary>
    public static StoredAnswer Answered(long id, DateTimeOffset at, string method, string by, string? note = null) =>
        new(id, "acknowledged", at, method, by, note);
}
