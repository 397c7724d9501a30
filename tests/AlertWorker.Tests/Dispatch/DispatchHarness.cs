using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using AlertWorker.Escalation;
using AlertWorker.Feeds;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Matching;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using AlertWorker.Warnings;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Dispatch;

/// <summary>
/// The sending side on a real database (a SQLite file, or PostgreSQL), the sample county and a fake clock: stores, composer,
/// dispatcher and hand-written senders, wired as the worker wires them.
/// </summary>
internal sealed class DispatchHarness : IAsyncDisposable
{
    /// <summary>Inside the sample duty roster (2026), in Beijing time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 14, 6, 0, 0, TimeSpan.FromHours(8));

    private DispatchHarness(TempDatabase db, DispatchOptions options, IChannelSender[] senders)
    {
        Db = db;
        Options = options;
        Config = ConfigLoader.Load(SampleConfigFolder.SourcePath).Value!;
        Live.Apply(new LiveConfig.Applied(Config, new MatchingContext(new Matcher(Config.Directory), Config.Policy), 1, Start), "sha256:sample");
        Warnings = new SqlWarningStore(db.Database, AnswerRule.Of(Live));
        Deliveries = new SqlDeliveryStore(db.Database);
        Senders = new ChannelSenders(senders, Deliveries, Clock, NullLogger<OutboxChannelSender>.Instance);
        Settings = Microsoft.Extensions.Options.Options.Create(new AlertWorkerOptions { ConfigDirectory = SampleConfigFolder.SourcePath });
        Links = new AnswerLinkIssuer(new EphemeralDataProtectionProvider(), Settings, Clock);
        Composer = new MessageComposer(new MessageTemplates(Settings), Settings, Microsoft.Extensions.Options.Options.Create(options), Clock, Links);
        Acknowledgements = new SqlAcknowledgementStore(db.Database, Live);
        FeedHealth = new SqlFeedHealthStore(db.Database);
        Escalation = new EscalationPass(new SqlEscalationStore(db.Database),
            new StaleFeedAlarm(Feeds, FeedHealth, Warnings, Live, Clock, NullLogger<StaleFeedAlarm>.Instance),
            Live, Clock, NullLogger<EscalationPass>.Instance);
        Records = new SqlAnswerRecordStore(db.Database, new SqlDirectoryVersionStore(db.Database));
        Dispatcher = new DeliveryDispatcher(Deliveries, Senders, Composer, new UnlimitedRateLimiter(), Live,
            Microsoft.Extensions.Options.Options.Create(options), Clock, NullLogger<DeliveryDispatcher>.Instance);
    }

    public TempDatabase Db { get; }
    public DispatchOptions Options { get; }
    public FakeTimeProvider Clock { get; } = new(Start);
    public LiveConfig Live { get; } = new();
    public LoadedConfig Config { get; }
    public DirectorySnapshot Directory => Config.Directory;
    public SqlWarningStore Warnings { get; }
    public SqlDeliveryStore Deliveries { get; }
    public ChannelSenders Senders { get; }
    public IOptions<AlertWorkerOptions> Settings { get; }
    public AnswerLinkIssuer Links { get; }
    public MessageComposer Composer { get; }
    public DeliveryDispatcher Dispatcher { get; }
    public SqlAcknowledgementStore Acknowledgements { get; }
    public SqlFeedHealthStore FeedHealth { get; }
    public EscalationPass Escalation { get; }
    public SqlAnswerRecordStore Records { get; }

    /// <summary>One feed, stale after 15 minutes, for the stale-feed alarm.</summary>
    public static readonly FeedDefinition Feed = new()
    {
        Id = "qinglan-met-cap", Kind = FeedKind.Cap, Url = "http://127.0.0.1:9/cap",
        Interval = TimeSpan.FromMinutes(5), Timeout = TimeSpan.FromSeconds(10), StaleAfter = TimeSpan.FromMinutes(15),
    };

    public FeedCatalog Feeds { get; } = new([Feed]);

    /// <summary>Moves the clock, then runs an escalation pass and sends what it queued.</summary>
    public async Task AdvanceAndEscalateAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Escalation.RunAsync(CancellationToken.None);
        await DrainAsync();
    }

    public static Task<DispatchHarness> CreateAsync(DispatchOptions? options = null, params IChannelSender[] senders) =>
        CreateAsync(SqlDialect.Sqlite, options, senders);

    public static async Task<DispatchHarness> CreateAsync(SqlDialect dialect, DispatchOptions? options = null, params IChannelSender[] senders) =>
        new(await TempDatabase.CreateAsync(dialect), options ?? new DispatchOptions { Concurrency = 1, InstanceId = "test" }, senders);

    /// <summary>Stores an outcome as the intake would, received now.</summary>
    public async Task SaveAsync(WarningOutcome outcome, WarningChain? chain = null)
    {
        var stored = await Warnings.SaveOutcomeAsync(outcome, chain, "test-feed", Clock.GetUtcNow(), CancellationToken.None);
        Assert.True(stored, $"{outcome.Warning.Key} was stored before");
    }

    /// <summary>Takes a document through the real intake (parse, lifecycle, matching) into the store, received now.</summary>
    public async Task<IntakeResult> AcceptAsync(string xml)
    {
        var ledger = new StoreWarningLedger(Warnings, "test-feed", Clock.GetUtcNow());
        return await WarningIntake.AcceptAsync(System.Text.Encoding.UTF8.GetBytes(xml), new ParseOptions(), Live.Current!.Matching, ledger,
            Clock.GetUtcNow(), CancellationToken.None);
    }

    public async Task<int> DrainAsync()
    {
        var total = 0;
        for (var round = 0; round < 100; round++)
        {
            var claimed = await Dispatcher.RunRoundAsync(CancellationToken.None);
            if (claimed == 0) return total;
            total += claimed;
        }
        throw new InvalidOperationException("the dispatcher kept claiming for 100 rounds");
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Db.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Db.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"no value from {sql}");
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Db.Database.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    public static WarningOutcome Notify(string identifier, Level level, params PlannedNotice[] notices)
    {
        var warning = Warning(identifier, level);
        return new WarningOutcome { Warning = warning, Action = WarningAction.Notify, ChainKey = warning.Key, Notices = notices };
    }

    public static PlannedNotice Notice(string personId, Level level, params Channel[] channels) =>
        new(personId, NoticeKind.Warning, level, channels, [Role.Monitor], ["HP-0001"], Exercise: false, Fallback: false);

    /// <summary>A warning at the level asked, expiring in 2036.</summary>
    public static Warning Warning(string identifier, Level level, WarningStatus status = WarningStatus.Actual) =>
        SampleWarnings.Warning(identifier) with
        {
            Status = status,
            Infos = [SampleWarnings.Warning(identifier).Infos[0] with
            {
                Severity = level switch { Level.Red => Severity.Extreme, Level.Orange => Severity.Severe, Level.Yellow => Severity.Moderate, _ => Severity.Minor },
                Expires = new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Headline = $"暴雨{identifier}",
                Instruction = "注意防范",
                EventCodes = [],
            }],
        };

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
