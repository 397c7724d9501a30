using System.Text;
using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using Flurl.Http.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AlertWorker.Tests.Feeds;

public sealed class FeedPollerTests : IAsyncLifetime
{
    private const string Alert = "<alert/>";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ClassifyingDocumentHandler _handler = new();
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        _server.Stop();
        _server.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task PollAsync_Ok_HandlerGetsTheBytesAndHealthIsSuccess()
    {
        Serve("/cap", 200, Alert);
        var poller = Poller();

        var health = await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        Assert.Equal(Alert, Assert.Single(_handler.Calls).Content);
        Assert.NotNull(health.LastSuccess);
        Assert.Equal(health.LastSuccess, health.LastChange);
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.Null(health.LastError);
        var stored = await HealthStore().GetAsync("cap", CancellationToken.None);
        Assert.Equal(health, stored with { Rejections = health.Rejections });
    }

    [Fact]
    public async Task PollDueAsync_WithinHalfAnIntervalOfTheLastPoll_SkippedUntilHalfAnIntervalHasPassed()
    {
        Serve("/cap", 200, Alert);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 14, 0, 0, 0, TimeSpan.Zero));
        var poller = Poller(clock);
        var feed = Feed("cap", "/cap");

        var first = await poller.PollDueAsync(feed, CancellationToken.None);
        clock.Advance(feed.Interval / 2 - TimeSpan.FromSeconds(1));
        var early = await poller.PollDueAsync(feed, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var due = await poller.PollDueAsync(feed, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(early);
        Assert.Equal(clock.GetUtcNow(), due?.LastAttempt);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task PollAsync_ServerError_HealthSaysHttp500AndCountsFailures()
    {
        Serve("/cap", 500, "oops");
        var poller = Poller();

        await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);
        var health = await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        Assert.Equal("HTTP 500 Internal Server Error", health.LastError);
        Assert.Equal(2, health.ConsecutiveFailures);
        Assert.Null(health.LastSuccess);
        Assert.Empty(_handler.Calls);
    }

    [Fact]
    public async Task PollAsync_FailureThenSuccess_FailuresResetAndLastErrorKept()
    {
        Serve("/cap", 503, "down");
        var poller = Poller();
        await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);
        _server.Reset();
        Serve("/cap", 200, Alert);

        var health = await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.Equal("HTTP 503 Service Unavailable", health.LastError);
        Assert.NotNull(health.LastSuccess);
    }

    [Fact]
    public async Task PollAsync_AnswerSlowerThanTimeout_TimedOut()
    {
        _server.Given(Request.Create().WithPath("/slow").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Alert).WithDelay(TimeSpan.FromSeconds(4)));

        var health = await Poller().PollAsync(Feed("slow", "/slow"), CancellationToken.None);

        Assert.Equal("timed out after 1s", health.LastError);
        Assert.Equal(1, health.ConsecutiveFailures);
        Assert.Empty(_handler.Calls);
    }

    [Fact]
    public async Task PollAsync_BodyThatNeverEnds_CutByTheTimeout()
    {
        await using var slow = new StallingHttpServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n", "<alert>"u8.ToArray());

        var health = await Poller().PollAsync(Feed("slow", slow.Url), CancellationToken.None);

        Assert.Equal("timed out after 1s", health.LastError);
        Assert.Empty(_handler.Calls);
    }

    [Fact]
    public async Task PollAsync_GarbageBody_HandlersRejectionInHealth()
    {
        Serve("/cap", 200, "this is not xml");

        var health = await Poller().PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        Assert.StartsWith("rejected: not well-formed XML", health.LastError);
        Assert.Equal(1, health.ConsecutiveFailures);
    }

    [Fact]
    public async Task PollAsync_PartsRejected_PollSucceedsWithTheRejectionLines()
    {
        Serve("/cap", 200, "<bad><part>W-1: missing sent</part><part>W-2: polygon not closed</part></bad>");

        var health = await Poller().PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        Assert.Equal(["W-1: missing sent", "W-2: polygon not closed"], health.Rejections);
        Assert.Equal(0, health.ConsecutiveFailures);
    }

    [Fact]
    public async Task PollAsync_DeclaredLengthOverMaxSize_RejectedWithoutHandling()
    {
        Serve("/big", 200, new string('x', 5000));

        var health = await Poller().PollAsync(Feed("big", "/big") with { MaxSize = 1000 }, CancellationToken.None);

        Assert.Equal("document over 1000 bytes", health.LastError);
        Assert.Empty(_handler.Calls);
    }

    [Fact]
    public async Task PollAsync_UndeclaredBodyOverMaxSize_StopsReadingAtTheLimit()
    {
        // no Content-Length and a body that never ends: only stopping at the cap answers before the timeout
        await using var endless = new StallingHttpServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nConnection: close\r\n", Encoding.ASCII.GetBytes(new string('x', 3000)));

        var health = await Poller().PollAsync(Feed("big", endless.Url) with { MaxSize = 1000 }, CancellationToken.None);

        Assert.Equal("document over 1000 bytes", health.LastError);
    }

    [Fact]
    public async Task PollAsync_NotModified_HandlerNotCalledAndValidatorsSent()
    {
        _server.Given(Request.Create().WithPath("/cap").UsingGet().WithHeader("If-None-Match", "\"v1\""))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304));
        _server.Given(Request.Create().WithPath("/cap").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"v1\"").WithBody(Alert));
        var poller = Poller();
        var first = await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        var second = await poller.PollAsync(Feed("cap", "/cap"), CancellationToken.None);

        Assert.Single(_handler.Calls);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal(0, second.ConsecutiveFailures);
        Assert.True(second.LastSuccess >= first.LastSuccess);
        Assert.Equal(first.LastChange, second.LastChange);
        Assert.Equal(304, _server.LogEntries.Last().ResponseMessage.StatusCode);
    }

    [Fact]
    public async Task PollAsync_CapIndexWithOneMissingLink_OthersHandledAndTheMissingOneInHealth()
    {
        ServeIndex(("e1", "/a"), ("e2", "/b"), ("e3", "/missing"));
        Serve("/a", 200, "<alert id='a'/>");
        Serve("/b", 200, "<alert id='b'/>");
        Serve("/missing", 404, "no");
        var poller = Poller();

        var health = await poller.PollAsync(Feed("index", "/index") with { Kind = FeedKind.CapIndex }, CancellationToken.None);

        var linked = _handler.Calls.Where(c => c.Kind == FeedKind.Cap).Select(c => new Uri(c.Url).AbsolutePath).Order();
        Assert.Equal(["/a", "/b"], linked);
        Assert.Equal(["entry e3: HTTP 404 Not Found"], health.Rejections);
        Assert.Equal(0, health.ConsecutiveFailures);
    }

    [Fact]
    public async Task PollAsync_CapIndexSecondPoll_UnchangedEntriesNotFetchedAgain()
    {
        ServeIndex(("e1", "/a"), ("e2", "/b"), ("e3", "/missing"));
        Serve("/a", 200, "<alert id='a'/>");
        Serve("/b", 200, "<alert id='b'/>");
        Serve("/missing", 404, "no");
        var poller = Poller();
        var feed = Feed("index", "/index") with { Kind = FeedKind.CapIndex };
        await poller.PollAsync(feed, CancellationToken.None);
        _server.ResetLogEntries();

        await poller.PollAsync(feed, CancellationToken.None);

        var fetched = _server.LogEntries.Select(e => e.RequestMessage.Path).Distinct().Order();
        Assert.Equal(["/index", "/missing"], fetched);
    }

    [Fact]
    public async Task PollAsync_EntryUpdated_FetchedAgain()
    {
        ServeIndex(("e1", "/a"));
        Serve("/a", 200, "<alert id='a'/>");
        var poller = Poller();
        var feed = Feed("index", "/index") with { Kind = FeedKind.CapIndex };
        await poller.PollAsync(feed, CancellationToken.None);
        _server.Reset();
        ServeIndex(("e1", "/a", "2025-07-01T10:00:00Z"));
        Serve("/a", 200, "<alert id='a2'/>");

        await poller.PollAsync(feed, CancellationToken.None);

        Assert.Contains("/a", _server.LogEntries.Select(e => e.RequestMessage.Path));
        Assert.Equal(2, _handler.Calls.Count(c => c.Kind == FeedKind.Cap));
    }

    [Fact]
    public async Task PollAsync_OneFeedBroken_TheOtherFeedStillPolled()
    {
        Serve("/good", 200, Alert);
        Serve("/broken", 500, "oops");
        var poller = Poller();

        var results = await Task.WhenAll(
            poller.PollAsync(Feed("broken", "/broken"), CancellationToken.None),
            poller.PollAsync(Feed("good", "/good"), CancellationToken.None));

        Assert.Equal("HTTP 500 Internal Server Error", results[0].LastError);
        Assert.Equal(0, results[1].ConsecutiveFailures);
        Assert.NotNull(results[1].LastSuccess);
        Assert.Equal("good", Assert.Single(_handler.Calls).FeedId);
    }

    [Fact]
    public async Task PollAsync_FileFeed_ReadsTheFileWithTheSameCap()
    {
        var path = Path.Combine(_db.Folder, "alert.xml");
        await File.WriteAllTextAsync(path, Alert);
        var poller = Poller();

        var ok = await poller.PollAsync(Feed("file", path), CancellationToken.None);
        var tooBig = await poller.PollAsync(Feed("file-small", path) with { MaxSize = 3 }, CancellationToken.None);
        var missing = await poller.PollAsync(Feed("file-missing", path + ".gone"), CancellationToken.None);

        Assert.NotNull(ok.LastSuccess);
        Assert.Equal("document over 3 bytes", tooBig.LastError);
        Assert.Equal($"file not found: {path}.gone", missing.LastError);
        Assert.Single(_handler.Calls);
    }

    [Fact]
    public async Task PollAsync_NoSuccessForLongerThanStaleAfter_Stale()
    {
        var path = Path.Combine(_db.Folder, "alert.xml");
        await File.WriteAllTextAsync(path, Alert);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var feed = Feed("file", path);
        var health = await Poller(clock).PollAsync(feed, CancellationToken.None);

        Assert.False(health.IsStaleAt(clock.GetUtcNow(), feed.StaleAfter));
        clock.Advance(feed.StaleAfter + TimeSpan.FromSeconds(1));
        Assert.True(health.IsStaleAt(clock.GetUtcNow(), feed.StaleAfter));
    }

    private FeedPoller Poller(TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var options = Options.Create(new FeedClientOptions
        {
            MaxRetryAttempts = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            BreakerMinimumThroughput = 100,
        });
        var client = new FeedClient(new FlurlClientCache(), options, time);
        return new FeedPoller(client, _handler, HealthStore(), new SqlIndexEntryStore(_db.Database), time, NullLogger<FeedPoller>.Instance);
    }

    private SqlFeedHealthStore HealthStore() => new(_db.Database);

    private FeedDefinition Feed(string id, string pathOrUrl) => new()
    {
        Id = id,
        Kind = FeedKind.Cap,
        // a bare path is served by WireMock; a full URL or a file path is used as it is
        Url = pathOrUrl.StartsWith('/') && !pathOrUrl.StartsWith(_db.Folder, StringComparison.Ordinal) ? _server.Url + pathOrUrl : pathOrUrl,
        Interval = TimeSpan.FromMinutes(1),
        Timeout = Timeout,
        StaleAfter = TimeSpan.FromMinutes(10),
    };

    private void Serve(string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/xml").WithBody(body));

    private void ServeIndex(params (string Id, string Path, string Updated)[] entries) =>
        Serve("/index", 200, $"<index>{string.Concat(entries.Select(e =>
            $"<entry id='{e.Id}' href='{_server.Url}{e.Path}' updated='{e.Updated}'/>"))}</index>");

    private void ServeIndex(params (string Id, string Path)[] entries) =>
        ServeIndex(entries.Select(e => (e.Id, e.Path, "2025-07-01T08:00:00Z")).ToArray());
}
