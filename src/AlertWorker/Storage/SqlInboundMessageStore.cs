using System.Data.Common;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqlInboundMessageStore(DbDataSource database) : IInboundMessageStore
{
    public async Task<bool> AddAsync(InboundMessage message, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbound_messages (received_at, channel, from_address, body, provider_id, outcome, notification_ids, help_sent)
            VALUES (@ReceivedAt, @Channel, @From, @Body, @ProviderId, @Outcome, @NotificationIds, @HelpSent)
            ON CONFLICT (provider_id) DO NOTHING
            """,
            new
            {
                message.ReceivedAt,
                message.Channel,
                message.From,
                message.Body,
                message.ProviderId,
                Outcome = OutcomeName(message.Outcome),
                NotificationIds = StorageJson.Write(message.NotificationIds),
                message.HelpSent,
            },
            cancellationToken: ct));
        return added == 1;
    }

    public async Task<bool> ContainsAsync(string providerId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbound_messages WHERE provider_id = @ProviderId", new { ProviderId = providerId }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> HelpSentSinceAsync(string from, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbound_messages WHERE from_address = @From AND help_sent AND received_at >= @Since",
            new { From = from, Since = since }, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<InboundMessage>> ListFromAsync(string from, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<InboundRow>(new CommandDefinition(
            """
            SELECT received_at AS ReceivedAt, channel AS Channel, from_address AS "From", body AS Body, provider_id AS ProviderId,
                   outcome AS Outcome, notification_ids AS NotificationIds, help_sent AS HelpSent
            FROM inbound_messages WHERE from_address = @From ORDER BY id
            """,
            new { From = from }, cancellationToken: ct));
        return rows.Select(r => r.ToMessage()).ToList();
    }

    private static string OutcomeName(InboundOutcome outcome) => outcome switch
    {
        InboundOutcome.Acknowledged => "acknowledged",
        InboundOutcome.NotPending => "not-pending",
        InboundOutcome.UnknownCode => "unknown-code",
        InboundOutcome.FreeText => "free-text",
        InboundOutcome.OtherKey => "other-key",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private sealed class InboundRow
    {
        public DateTimeOffset ReceivedAt { get; init; }
        public string Channel { get; init; } = "";
        public string From { get; init; } = "";
        public string Body { get; init; } = "";
        public string? ProviderId { get; init; }
        public string Outcome { get; init; } = "";
        public string NotificationIds { get; init; } = "[]";
        public bool HelpSent { get; init; }

        public InboundMessage ToMessage() => new(
            ReceivedAt,
            Channel,
            From,
            Body,
            ProviderId,
            Enum.GetValues<InboundOutcome>().Single(o => OutcomeName(o) == Outcome),
            StorageJson.Read<List<long>>(NotificationIds),
            HelpSent);
    }
}
