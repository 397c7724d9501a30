using System.Data.Common;
using AlertWorker.Acknowledgement;
using AlertWorker.Domain.Warnings;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqlAnswerTargetStore(DbDataSource database) : IAnswerTargetStore
{
    public async Task<AnswerTarget?> FindAsync(long notificationId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT n.id AS Id, n.person_id AS PersonId, n.warning_key AS WarningKey, n.level AS Level,
                   n.exercise AS Exercise, n.acknowledged_at AS AcknowledgedAt, w.document AS Document
            FROM notifications n JOIN warnings w ON w.key = n.warning_key
            WHERE n.id = @Id
            """,
            new { Id = notificationId }, cancellationToken: ct));
        if (row is null)
            return null;
        var warning = StorageJson.Read<Warning>(row.Document);
        var headlines = warning.Infos.Select(i => i.Headline ?? i.Event).Distinct().ToList();
        return new AnswerTarget(
            row.Id, row.PersonId, row.WarningKey, Enum.Parse<Level>(row.Level, ignoreCase: true), row.Exercise,
            headlines, row.AcknowledgedAt);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string PersonId { get; init; } = "";
        public string WarningKey { get; init; } = "";
        public string Level { get; init; } = "";
        public bool Exercise { get; init; }
        public DateTimeOffset? AcknowledgedAt { get; init; }
        public string Document { get; init; } = "";
    }
}
