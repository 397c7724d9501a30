using System.Data.Common;
using System.Diagnostics;
using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Dispatch;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Process;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AlertWorker.Bench;

/// <summary>
/// The sending side as the worker wires it, on a fresh database (<see cref="BenchDatabase"/>: a SQLite
/// file or a database of its own on a PostgreSQL server) opened as the worker opens
/// <c>ConnectionStrings:AlertWorker</c> (<see cref="SqlDialects.Open"/>) and migrated by the shipped
/// <see cref="SchemaMigrator"/>: the real stores, composer, <see cref="DeliveryDispatcher"/> and
/// <see cref="TwilioSmsSender"/> pointed at the stand-in, rate limits off. The store and the sender
/// are wrapped in <see cref="DispatchTimings"/> to show where the time goes.
/// </summary>
internal sealed class DispatchRig : IAsyncDisposable
{
    private readonly BenchDatabase _database;
    private readonly TwilioApi _twilio;

    private DispatchRig(BenchDatabase database, LiveConfig live, string configDirectory, string twilioUrl, DispatchOptions options)
    {
        _database = database;
        Options = options;
        Database = database.Source;
        var queued = new DeliverySignal(TimeProvider.System);
        Warnings = new SqlWarningStore(Database, AnswerRule.Of(live), queued: queued);
        var settings = Microsoft.Extensions.Options.Options.Create(new AlertWorkerOptions
        {
            ConfigDirectory = configDirectory, PublicBaseUrl = "https://alerts.example.org",
        });
        _twilio = new TwilioApi(Microsoft.Extensions.Options.Options.Create(new TwilioOptions
        {
            AccountSid = TwilioKestrelStandIn.AccountSid,
            AuthToken = TwilioKestrelStandIn.AuthToken,
            FromNumber = TwilioKestrelStandIn.FromNumber,
            ApiBaseUrl = twilioUrl,
        }), TimeProvider.System);
        var deliveries = new SqlDeliveryStore(Database);
        var senders = new ChannelSenders([Timings.Wrap(new TwilioSmsSender(_twilio, settings))], deliveries, TimeProvider.System,
            NullLogger<OutboxChannelSender>.Instance);
        var dispatch = Microsoft.Extensions.Options.Options.Create(options);
        var rates = new TokenBucketSendRateLimiter(Microsoft.Extensions.Options.Options.Create(
            new ChannelRateOptions { SmsPerSecond = 0, VoicePerSecond = 0, EmailPerSecond = 0 }));
        Dispatcher = new DeliveryDispatcher(Timings.Wrap(deliveries), senders,
            new MessageComposer(new MessageTemplates(settings), settings, dispatch, TimeProvider.System,
                new AnswerLinkIssuer(new EphemeralDataProtectionProvider(), settings, TimeProvider.System)),
            rates, live, dispatch, TimeProvider.System, NullLogger<DeliveryDispatcher>.Instance);
        Loop = new DispatchLoop(Dispatcher, senders, queued, dispatch, NullLogger<DispatchLoop>.Instance);
    }

    public DispatchOptions Options { get; }
    public DbDataSource Database { get; }

    /// <summary>The PostgreSQL server's main process, when it can be read on this machine.</summary>
    public int? Postmaster => _database.Postmaster;
    public SqlWarningStore Warnings { get; }
    public DeliveryDispatcher Dispatcher { get; }
    public DispatchLoop Loop { get; }
    public DispatchTimings Timings { get; } = new();

    /// <summary>A rig on a fresh database: SQLite without <paramref name="postgresServer"/>, else a new database on that server.</summary>
    public static async Task<DispatchRig> CreateAsync(string? postgresServer, LiveConfig live, string configDirectory, string twilioUrl,
        DispatchOptions options)
    {
        var database = await BenchDatabase.CreateAsync(postgresServer);
        var rig = new DispatchRig(database, live, configDirectory, twilioUrl, options);
        await new SchemaMigrator(rig.Database, database.Dialect, TimeProvider.System, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return rig;
    }

    /// <summary>Stores one warning with an SMS notice to each of the synthetic people named, as the intake stores an outcome.</summary>
    public async Task SaveWarningAsync(string identifier, IEnumerable<int> people)
    {
        var warning = Warning(identifier);
        var outcome = new WarningOutcome
        {
            Warning = warning,
            Action = WarningAction.Notify,
            ChainKey = warning.Key,
            Notices = people.Select(i => new PlannedNotice(SyntheticCounty.PersonId(i), NoticeKind.Warning, Level.Yellow, [Channel.Sms],
                [Role.Monitor], ["HP-0001"], Exercise: false, Fallback: false)).ToList(),
        };
        if (!await Warnings.SaveOutcomeAsync(outcome, chain: null, "bench", TimeProvider.System.GetUtcNow(), CancellationToken.None))
            throw new InvalidOperationException($"warning {identifier} was stored before");
    }

    public async Task<long> CountAsync(string state)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE state = @State", new { State = state });
    }

    private static Warning Warning(string identifier) => new()
    {
        Sender = "bench@qinglan.example",
        Identifier = identifier,
        Sent = TimeProvider.System.GetUtcNow(),
        Status = WarningStatus.Actual,
        MsgType = MsgType.Alert,
        Source = FeedKind.Cap,
        Infos =
        [
            new WarningInfo
            {
                Language = "zh-CN",
                Categories = ["Met"],
                Event = "暴雨",
                Urgency = "Immediate",
                Severity = Severity.Moderate,
                Certainty = "Likely",
                Expires = TimeProvider.System.GetUtcNow().AddDays(1),
                Headline = $"青岚县气象台发布暴雨黄色预警 {identifier}",
                Instruction = "注意防范",
                Areas = [new WarningArea { AreaDesc = "青岚县", Geocodes = [new NamedValue("regionCode", "511829")] }],
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        _twilio.Dispose();
        await _database.DisposeAsync();
    }
}

/// <summary>Where a dispatch run spends its time: claims, provider round trips and outcome records, summed over all sends.</summary>
internal sealed class DispatchTimings
{
    private long _claimTicks, _claims, _sendTicks, _sends, _recordTicks, _records;

    public IDeliveryStore Wrap(IDeliveryStore store) => new TimedStore(store, this);

    public IChannelSender Wrap(IChannelSender sender) => new TimedSender(sender, this);

    public void Reset() => _claimTicks = _claims = _sendTicks = _sends = _recordTicks = _records = 0;

    public override string ToString() =>
        $"claim {Ms(_claimTicks, _claims):0.0} ms/batch ({_claims} batches), provider request {Ms(_sendTicks, _sends):0.00} ms/send, " +
        $"record {Ms(_recordTicks, _records):0.00} ms/send";

    private static double Ms(long ticks, long count) => count == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / count;

    private async Task<T> TimeAsync<T>(Func<Task<T>> work, Action<long> add)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await work();
        add(Stopwatch.GetTimestamp() - start);
        return result;
    }

    private async Task TimeAsync(Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        Interlocked.Add(ref _recordTicks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _records);
    }

    private sealed class TimedStore(IDeliveryStore inner, DispatchTimings timings) : IDeliveryStore
    {
        public Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct) =>
            timings.TimeAsync(() => inner.ClaimDueAsync(owner, now, lease, limit, ct), t =>
            {
                Interlocked.Add(ref timings._claimTicks, t);
                Interlocked.Increment(ref timings._claims);
            });

        public Task RecordAcceptedAsync(long deliveryId, SendOutcome.Accepted accepted, DateTimeOffset at, CancellationToken ct) =>
            timings.TimeAsync(() => inner.RecordAcceptedAsync(deliveryId, accepted, at, ct));

        public Task RecordRetryAsync(long deliveryId, string reason, DateTimeOffset nextAttemptAt, DateTimeOffset at, CancellationToken ct) =>
            timings.TimeAsync(() => inner.RecordRetryAsync(deliveryId, reason, nextAttemptAt, at, ct));

        public Task RecordFailedAsync(long deliveryId, string outcome, string reason, string? errorCode, IReadOnlyList<Channel> fallback,
            string? flag, DateTimeOffset at, CancellationToken ct) =>
            timings.TimeAsync(() => inner.RecordFailedAsync(deliveryId, outcome, reason, errorCode, fallback, flag, at, ct));

        public Task CancelAsync(long deliveryId, SkipReason reason, CancellationToken ct) => inner.CancelAsync(deliveryId, reason, ct);
    }

    private sealed class TimedSender(IChannelSender inner, DispatchTimings timings) : IChannelSender
    {
        public Channel Channel => inner.Channel;

        public string Provider => inner.Provider;

        public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct) =>
            timings.TimeAsync(() => inner.SendAsync(message, ct), t =>
            {
                Interlocked.Add(ref timings._sendTicks, t);
                Interlocked.Increment(ref timings._sends);
            });
    }
}
