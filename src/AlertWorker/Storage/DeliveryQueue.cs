using System.Data.Common;
using AlertWorker.Domain.Policy;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>Queues deliveries: one row per notification, channel and round, due at once. A channel
/// already queued in that round is left as it is.</summary>
internal static class DeliveryQueue
{
    public static async Task<int> QueueAsync(
        DbConnection connection, DbTransaction tx, long notificationId, IEnumerable<Channel> channels, int round, bool fallback,
        int levelRank, DateTimeOffset at, CancellationToken ct)
    {
        var queued = 0;
        foreach (var channel in channels.Distinct())
        {
            queued += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO deliveries (notification_id, channel, round, fallback, state, level_rank, created_at, next_attempt_at)
                VALUES (@NotificationId, @Channel, @Round, @Fallback, 'queued', @LevelRank, @At, @At)
                ON CONFLICT (notification_id, channel, round) DO NOTHING
                """,
                new { NotificationId = notificationId, Channel = channel.ToName(), Round = round, Fallback = fallback, LevelRank = levelRank, At = at },
                tx, cancellationToken: ct));
        }
        return queued;
    }
}
