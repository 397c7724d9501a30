using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AlertWorker.Acknowledgement;
using AlertWorker.Dispatch;
using AlertWorker.Escalation;
using AlertWorker.Feeds;
using AlertWorker.Hosting;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Web.Board;

/// <summary>
/// The whole worker on Kestrel loopback (a real port, for a browser too), on a temp database, a private
/// copy of the sample county and a fake clock starting at <see cref="T0"/>. Warnings come in through
/// the real intake: CAP documents in the config folder polled as file feeds, or handed to the feed
/// document handler as a feed would. Sending goes to the outbox (no provider credentials). The dispatch
/// and escalation loops are off: <see cref="DispatchAsync"/> and <see cref="AdvanceAsync"/> run their
/// rounds, so each state a test asserts is the one it built, not a race with a loop woken by the clock.
/// </summary>
/// <remarks>The county at <see cref="T0"/>: red at 中坝村 (HP-0001/0010/0025) reaches P-089 (黎玉兰,
/// prevention lead), P-090 (林小红) and P-091 (monitors), P-032 (technical lead), P-024 (乔亮, 双河乡
/// township duty), P-001..P-003 (county duty), P-005 (潘超, duty officer) and P-014 (万强, duty leader).</remarks>
internal sealed partial class BoardScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 7, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public const string RedFeed = "qinglan-met-cap";
    public const string BrokenFeed = "sc-cap-hub";
    public const string RedKey = "青岚县气象台|51182941600000_20260710090000_0";
    public const string OrangeKey = "青岚县自然资源局|5118290000_20260710091500_DZ";
    public const string DrillKey = "青岚县应急管理局|DRILL_20260710091500";

    /// <summary>The leader shift taken out of the roster, so that the board has a gap to show.</summary>
    public const string RemovedShift = "P-014,duty-leader,2026-07-12T08:00:00+08:00";

    private BoardScenario(TempDatabase db, SampleConfigFolder config, WebApplication app, FakeTimeProvider clock)
    {
        Db = db;
        Config = config;
        App = app;
        Clock = clock;
        BaseAddress = new Uri(app.Urls.First());
        Client = NewClient();
    }

    public TempDatabase Db { get; }
    public SampleConfigFolder Config { get; }
    public WebApplication App { get; }
    public FakeTimeProvider Clock { get; }
    public Uri BaseAddress { get; }

    /// <summary>A browser-like client: cookies kept, redirects not followed.</summary>
    public HttpClient Client { get; }

    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts the worker at <see cref="T0"/> with the red warning published on its file feed.</summary>
    public static async Task<BoardScenario> StartAsync(SqlDialect dialect = SqlDialect.Sqlite)
    {
        var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        var config = new SampleConfigFolder();
        System.IO.Directory.CreateDirectory(config.FullPath("board"));
        config.Write("board/red.xml", Cap("51182941600000_20260710090000_0", "青岚县气象台", "Actual", "Extreme", "红色", "暴雨",
            "青岚县气象台发布暴雨红色预警[Ⅰ级/特别严重]", "双河乡中坝村", "511829202200", T0));
        config.Write("feeds.yaml", $"""
            feeds:
              - id: {RedFeed}
                kind: cap
                url: board/red.xml
                interval: 2m
                timeout: 30s
                staleAfter: 15m
              - id: {BrokenFeed}
                kind: cap-index
                url: http://127.0.0.1:9/cap/sichuan/rss.xml
                interval: 2m
                timeout: 30s
                staleAfter: 15m
            """);
        var roster = config.ReadLines("directory/duty-roster.csv").Where(l => !l.StartsWith(RemovedShift, StringComparison.Ordinal));
        config.Write("directory/duty-roster.csv", string.Join("\n", roster) + "\n");

        var clock = new FakeTimeProvider(T0);
        var app = WorkerHost.Build(
            [
                $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
                $"--AlertWorker:ConfigDirectory={config.Path}",
                "--Urls=http://127.0.0.1:0",
                "--Serilog:MinimumLevel:Default=Warning",
                // the provincial hub is down (nothing listens on port 9): fail at once, no retry waiting on the fake clock
                "--AlertWorker:FeedClient:MaxRetryAttempts=0",
                // the outbox stands in for Twilio: no one-call-per-second pacing in real time
                "--Twilio:CallsPerSecond=0",
                // no background dispatch or escalation: the tests run each round at a fake-clock time of their choosing
                "--Dispatch:Enabled=false",
                "--Escalation:Enabled=false",
            ],
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        var scenario = new BoardScenario(db, config, app, clock);
        await scenario.PollFeedsAsync();
        await scenario.DispatchAsync();
        return scenario;
    }

    /// <summary>Polls every configured feed once, as the scheduler does.</summary>
    public async Task PollFeedsAsync()
    {
        var poller = Service<FeedPoller>();
        foreach (var feed in Service<FeedCatalog>().Feeds) await poller.PollAsync(feed, CancellationToken.None);
    }

    /// <summary>Hands a CAP document to the intake as if the feed <paramref name="feedId"/> had fetched it.</summary>
    public async Task ReceiveAsync(string feedId, string document)
    {
        var feed = new FeedDefinition
        {
            Id = feedId, Kind = Domain.Warnings.FeedKind.Cap, Url = $"board/{feedId}.xml",
            Interval = TimeSpan.FromMinutes(2), Timeout = TimeSpan.FromSeconds(30), StaleAfter = TimeSpan.FromMinutes(15),
        };
        var handling = await Service<IFeedDocumentHandler>().HandleAsync(feed, Encoding.UTF8.GetBytes(document), CancellationToken.None);
        Assert.True(handling.DocumentError is null && handling.Rejections.Count == 0,
            $"the document was rejected: {handling.DocumentError} {string.Join("; ", handling.Rejections)}");
    }

    /// <summary>An orange geohazard warning at 红岩村 (HP-0022) and a yellow drill at 凤凰村, 15 minutes in.</summary>
    public async Task ReceiveOrangeAndDrillAsync()
    {
        await ReceiveAsync("qinglan-geohazard-cap", Cap("5118290000_20260710091500_DZ", "青岚县自然资源局", "Actual", "Severe", "橙色", "地质灾害气象风险",
            "青岚县地质灾害气象风险橙色预警", "金鸡乡红岩村", "511829204200", T0.AddMinutes(15)));
        await ReceiveAsync("qinglan-drill", Cap("DRILL_20260710091500", "青岚县应急管理局", "Exercise", "Moderate", "黄色", "地质灾害避险演练",
            "【演练】凉风乡凤凰村泥石流避险转移演练", "凉风乡凤凰村", "511829205200", T0.AddMinutes(15)));
    }

    /// <summary>Sends everything queued (to the outbox) until a round finds nothing.</summary>
    public async Task DispatchAsync()
    {
        var dispatcher = Service<DeliveryDispatcher>();
        for (var round = 0; round < 20 && await dispatcher.RunRoundAsync(CancellationToken.None) > 0; round++) { }
    }

    /// <summary>Moves the clock, runs an escalation pass and sends what it queued.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Service<EscalationPass>().RunAsync(CancellationToken.None);
        await DispatchAsync();
    }

    public async Task<long> NotificationOfAsync(string warningKey, string personId)
    {
        await using var connection = await Db.Database.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT id FROM notifications WHERE warning_key = @Key AND person_id = @Person AND escalation_of IS NULL ORDER BY id DESC LIMIT 1",
            new { Key = warningKey, Person = personId });
    }

    public async Task AnswerAsync(string warningKey, string personId, AnswerMethod method)
    {
        var id = await NotificationOfAsync(warningKey, personId);
        var result = await Service<IAcknowledgementStore>().AcknowledgeAsync(id, method, personId, null, Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(AcknowledgeResult.Acknowledged, result);
    }

    /// <summary>Logs the client in through the login form (antiforgery token and cookie included).</summary>
    public async Task<HttpResponseMessage> LogInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A CAP 1.2 alert for one region code, shaped like the sample documents of the county.</summary>
    public static string Cap(string identifier, string sender, string status, string severity, string levelWord, string @event,
        string headline, string areaDesc, string geocode, DateTimeOffset sent)
    {
        var at = sent.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{identifier}</identifier>
              <sender>{sender}</sender>
              <sent>{at}</sent>
              <status>{status}</status>
              <msgType>Alert</msgType>
              <scope>Public</scope>
              <info>
                <language>zh-CN</language>
                <category>Met</category>
                <event>{@event}</event>
                <urgency>Immediate</urgency>
                <severity>{severity}</severity>
                <certainty>Likely</certainty>
                <onset>{at}</onset>
                <expires>2036-07-11T09:00:00+08:00</expires>
                <senderName>{sender}</senderName>
                <headline>{headline}</headline>
                <description>{headline}：未来6小时{areaDesc}一带地质灾害风险高，请做好防范。</description>
                <parameter>
                  <valueName>预警级别</valueName>
                  <value>{levelWord}</value>
                </parameter>
                <area>
                  <areaDesc>青岚县{areaDesc}</areaDesc>
                  <geocode>
                    <valueName>行政区划代码</valueName>
                    <value>{geocode}</value>
                  </geocode>
                </area>
              </info>
            </alert>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        Config.Dispose();
    }
}
