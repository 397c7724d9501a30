using AlertWorker.Acknowledgement;

namespace AlertWorker.Tests.Web.Webhooks;

/// <summary>Notifications waiting for answers, by phone, and every acknowledgement made; stands in
/// for the SQLite store of the dispatch work.</summary>
internal sealed class FakeAcknowledgementStore : IAcknowledgementStore
{
    private readonly Lock _gate = new();
    private readonly List<(string Phone, PendingNotification Notification)> _notifications = [];
    private readonly List<Acknowledgement> _acknowledgements = [];

    public sealed record Acknowledgement(long NotificationId, AnswerMethod Method, string By, DateTimeOffset At);

    public IReadOnlyList<Acknowledgement> Acknowledgements
    {
        get { lock (_gate) return _acknowledgements.ToList(); }
    }

    public void Add(string phone, PendingNotification notification)
    {
        lock (_gate) _notifications.Add((phone, notification));
    }

    public Task<AcknowledgeResult> AcknowledgeAsync(long notificationId, AnswerMethod method, string by, string? note, DateTimeOffset at, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_notifications.All(n => n.Notification.NotificationId != notificationId))
                return Task.FromResult(AcknowledgeResult.NotFound);
            if (_acknowledgements.Any(a => a.NotificationId == notificationId))
                return Task.FromResult(AcknowledgeResult.AlreadyAnswered);
            _acknowledgements.Add(new Acknowledgement(notificationId, method, by, at));
            return Task.FromResult(AcknowledgeResult.Acknowledged);
        }
    }

    public Task<IReadOnlyList<PendingNotification>> PendingForPhoneAsync(string phone, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<PendingNotification> pending = _notifications
                .Where(n => n.Phone == phone && _acknowledgements.All(a => a.NotificationId != n.Notification.NotificationId))
                .Select(n => n.Notification)
                .ToList();
            return Task.FromResult(pending);
        }
    }

    public Task<PendingNotification?> FindByShortCodeAsync(string shortCode, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_notifications
                .Select(n => n.Notification)
                .FirstOrDefault(n => string.Equals(n.ShortCode, shortCode, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public Task<long?> NotificationOfProviderIdAsync(string provider, string providerId, CancellationToken ct) =>
        Task.FromResult<long?>(null);
}
