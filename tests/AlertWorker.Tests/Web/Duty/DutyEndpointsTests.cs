using System.Net;
using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Warnings;
using AlertWorker.Tests.Web.Board;
using AlertWorker.Web.Board;
using AlertWorker.Web.Duty;
using static AlertWorker.Tests.Web.Duty.DutyScenario;

namespace AlertWorker.Tests.Web.Duty;

/// <summary>The duty officer's actions on the real worker (Kestrel loopback, SQLite file, fake clock, outbox):
/// phone warnings and drills through the feeds' intake, their cancel, test messages, and the form rules.</summary>
public class DutyEndpointsTests
{
    [Theory, SqliteData, PostgresData]
    public async Task PostWarning_PhoneWarningForATownship_PlansANotificationForEachOfItsPeopleTheOrangePolicyTells(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect: dialect);
        var directory = s.Directory;
        var now = s.Board.Clock.GetUtcNow();
        // who the orange policy tells about 金鸡乡, worked out from the directory alone: the point roles of the points
        // in its villages, region duty on its root path (its own township duty, the county duty), the duty officer on shift
        var points = directory.HazardPoints.Where(p => directory.PathToRoot(p.RegionCode).Contains(Jinji)).Select(p => p.Id).ToHashSet();
        var expected = directory.Assignments
            .Where(a => a.Role is Role.PreventionLead or Role.Monitor or Role.TechnicalLead && points.Contains(a.Scope)
                || a.Role is Role.TownshipDuty or Role.CountyDuty && (directory.PathToRoot(a.Scope).Contains(Jinji) || directory.PathToRoot(Jinji).Contains(a.Scope)))
            .Select(a => a.PersonId)
            .Concat(directory.OnShift(now).Where(shift => shift.Role == Role.DutyOfficer).Select(shift => shift.PersonId))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(points);

        var (response, html, key) = await s.EnterPhoneWarningAsync(Jinji);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-action=\"notify\"", html);
        var notifications = await s.NotificationsAsync(key);
        Assert.Equal(expected, notifications.Select(n => n.PersonId));
        Assert.All(notifications, n => Assert.Equal(("warning", "planned", 0L, 1L), (n.Kind, n.State, n.Exercise, n.AnswerExpected)));
        // 黎玉兰, prevention lead at 中坝村 in 双河乡, is not concerned
        Assert.DoesNotContain("P-089", notifications.Select(n => n.PersonId));
        Assert.Contains("P-026", notifications.Select(n => n.PersonId)); // 金鸡乡's township duty
        Assert.Equal("duty:entry", await s.ScalarAsync<string>("SELECT feed_id FROM warnings WHERE key = @Key", new { Key = key }));
        var stored = StorageJson.Read<Warning>(await s.ScalarAsync<string>("SELECT document FROM warnings WHERE key = @Key", new { Key = key }));
        Assert.Equal(("duty", "县气象台 电话 张三"), (ManualWarnings.EnteredBy(stored), ManualWarnings.Origin(stored)));
        Assert.Equal((Level.Orange, WarningStatus.Actual, "暴雨"), (stored.Level, stored.Status, stored.Infos[0].Event));
        Assert.Equal([new NamedValue("行政区划代码", Jinji)], stored.Infos[0].Areas[0].Geocodes);

        await s.Board.DispatchAsync();
        Assert.All(await s.NotificationsAsync(key), n => Assert.Equal("sent", n.State));
    }

    [Fact]
    public async Task PostWarning_EveryFieldBad_OneLinePerFieldAndNothingStored()
    {
        await using var s = await StartAsync();
        var before = await s.Board.Db.SnapshotAsync(Tables);

        var (response, html, _) = await s.EnterAsync(false,
            ("identifier", "AW-forged"), ("level", "purple"), ("event", ""), ("headline", new string('x', 201)),
            ("regions", "999999"), ("sent", "2026-07-10T10:00"), ("expires", "yesterday"), ("origin", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["identifier", "level", "event", "headline", "regions", "sent", "expires", "origin"], ErrorFields(html));
        Assert.Contains("区域代码 999999 不在当前名录中。", html);
        Assert.Contains("发布时间不能晚于现在。", html);
        Assert.Equal(before, await s.Board.Db.SnapshotAsync(Tables));
    }

    [Fact]
    public async Task PostWarning_ExpiresBeforeSent_OneLineForTheExpiryOnly()
    {
        await using var s = await StartAsync();

        var (response, html, _) = await s.EnterAsync(false, ("level", "red"), ("event", "暴雨"), ("regions", Jinji), ("origin", "县气象台 传真"),
            ("sent", "2026-07-10T08:30"), ("expires", "2026-07-10T08:45"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["expires"], ErrorFields(html));
        // what was typed is kept
        Assert.Contains("value=\"县气象台 传真\"", html);
        Assert.Contains($"value=\"{Jinji}\" checked", html);
    }

    [Theory, SqliteData, PostgresData]
    public async Task PostWarning_SameFormPostedTwice_EnteredOnce(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect: dialect);
        var page = await s.Client.GetStringAsync(DutyEndpoints.NewWarningPath);
        (string, string)[] form =
        [
            (BrowserClient.AntiforgeryField, Field(page, BrowserClient.AntiforgeryField)), ("identifier", Field(page, "identifier")),
            ("sent", Field(page, "sent")), ("expires", Field(page, "expires")),
            ("level", "orange"), ("event", "暴雨"), ("regions", Jinji), ("origin", "县气象台 电话 张三"),
        ];

        var first = await s.Client.PostFormAsync(DutyEndpoints.WarningsPath, form);
        var count = await s.ScalarAsync<long>("SELECT COUNT(*) FROM notifications");
        var second = await s.Client.PostFormAsync(DutyEndpoints.WarningsPath, form);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("这张表单已经提交过", await second.Content.ReadAsStringAsync());
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT COUNT(*) FROM notifications"));
        Assert.Equal(1, await s.ScalarAsync<long>("SELECT COUNT(*) FROM warnings WHERE sender = 'manual:duty'"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task PostDrill_ForATownship_StoredAsExerciseAndShownInTheDrillsSectionOnly(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect: dialect);

        var (response, _, key) = await s.EnterAsync(true, ("level", "yellow"), ("event", "地质灾害避险演练"), ("regions", Jinji),
            ("headline", "金鸡乡泥石流避险转移演练"), ("origin", "县应急管理局 通知"));
        await s.Board.DispatchAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("exercise", await s.ScalarAsync<string>("SELECT status FROM warnings WHERE key = @Key", new { Key = key }));
        var notifications = await s.NotificationsAsync(key);
        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Equal(1L, n.Exercise));
        var html = await s.Client.GetStringAsync(BoardPage.FragmentPath);
        var drills = html.IndexOf("<h2 class=\"drills\">", StringComparison.Ordinal);
        var card = html.IndexOf($"data-key=\"{WebUtility.HtmlEncode(key)}\"", StringComparison.Ordinal);
        Assert.True(drills > 0 && card > drills, "the drill's card is not under the drills heading");
        Assert.Contains("金鸡乡泥石流避险转移演练", html[drills..]);
        Assert.DoesNotContain("金鸡乡泥石流避险转移演练", html[..drills]);
        // its messages carry the drill marker
        var messages = (await s.OutboxAfterAsync(0)).Where(m => m.Body.Contains("金鸡乡泥石流避险转移演练")).ToList();
        Assert.Equal(notifications.Select(n => n.PersonId).Order(), messages.Select(m => m.PersonId).Distinct().Order());
        Assert.All(messages, m => Assert.StartsWith("【演练】", m.Body));
    }

    [Theory, SqliteData, PostgresData]
    public async Task PostCancel_PhoneWarning_EveryoneReleasedAndTheCardGone(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect: dialect);
        var (_, _, key) = await s.EnterPhoneWarningAsync(Jinji);
        await s.Board.DispatchAsync();
        var told = (await s.NotificationsAsync(key)).Select(n => n.PersonId).ToList();

        var response = await s.Client.PostFormAsync(DutyEndpoints.CancelPath, (BrowserClient.AntiforgeryField, await s.FormTokenAsync()), ("key", key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-action=\"cancel\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(told.Count, await s.ScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE chain_key = @Key AND kind = 'released'", new { Key = key }));
        Assert.Equal(told.Count, await s.ScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE warning_key = @Key AND state = 'closed' AND closed_reason = 'cancelled'", new { Key = key }));
        Assert.DoesNotContain(WebUtility.HtmlEncode(key), await s.Client.GetStringAsync(BoardPage.FragmentPath));
    }

    [Fact]
    public async Task PostCancel_FeedWarning_RefusedAndNothingStored()
    {
        await using var s = await StartAsync();
        var before = await s.Board.Db.SnapshotAsync(Tables);

        var response = await s.Client.PostFormAsync(DutyEndpoints.CancelPath,
            (BrowserClient.AntiforgeryField, await s.FormTokenAsync()), ("key", BoardScenario.RedKey));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("只有人工录入的预警和演练可以在这里解除", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await s.Board.Db.SnapshotAsync(Tables));
    }

    [Theory, SqliteData, PostgresData]
    public async Task PostTestMessage_ChosenPersonAndChannel_OnlyTheirMessageLandsInTheOutbox(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect: dialect);
        var lastId = await s.ScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM outbox_messages");
        var page = await s.Client.GetStringAsync($"{DutyEndpoints.TestMessagePath}?q=P-042");
        Assert.Contains("data-person=\"P-042\"", page);

        var response = await s.Client.PostFormAsync(DutyEndpoints.TestMessagePath, (BrowserClient.AntiforgeryField, Field(page, BrowserClient.AntiforgeryField)),
            ("identifier", Field(page, "identifier")), ("personId", "P-042"), ("channel", "sms"));
        await s.Board.DispatchAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await s.OutboxAfterAsync(lastId));
        Assert.Equal(("sms", s.Directory.PeopleById["P-042"].Phone, "P-042"), (sent.Channel, sent.Address, sent.PersonId));
        Assert.StartsWith("【测试】", sent.Body);
        Assert.Contains("由值班员 (duty officer)于2026-07-10 09:00发送", sent.Body);
        var notification = Assert.Single(await s.NotificationsAsync(
            await s.ScalarAsync<string>("SELECT key FROM warnings WHERE status = 'test'")));
        Assert.Equal(("P-042", "test", "sent", 0L), (notification.PersonId, notification.Kind, notification.State, notification.AnswerExpected));
        // the board lists it in the outbox, never as a warning
        var board = await s.Client.GetStringAsync(BoardPage.FragmentPath);
        Assert.Contains("【测试】", board[board.IndexOf("id=\"outbox\"", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("测试消息", board[..board.IndexOf("<aside>", StringComparison.Ordinal)]);
    }

    [Theory]
    // 郭启明 has an email address and no phone
    [InlineData("P-033", "sms", "channel")]
    [InlineData("P-999", "sms", "personId")]
    [InlineData("P-042", "fax", "channel")]
    public async Task PostTestMessage_PersonOrChannelNotThere_OneLineAndNothingStored(string personId, string channel, string field)
    {
        await using var s = await StartAsync();
        var page = await s.Client.GetStringAsync($"{DutyEndpoints.TestMessagePath}?q=P-042");
        var before = await s.Board.Db.SnapshotAsync(Tables);

        var response = await s.Client.PostFormAsync(DutyEndpoints.TestMessagePath, (BrowserClient.AntiforgeryField, Field(page, BrowserClient.AntiforgeryField)),
            ("identifier", Field(page, "identifier")), ("personId", personId), ("channel", channel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], ErrorFields(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await s.Board.Db.SnapshotAsync(Tables));
    }

    /// <summary>Every form post of the duty actions.</summary>
    public static TheoryData<string> Posts() =>
        [DutyEndpoints.WarningsPath, DutyEndpoints.DrillsPath, DutyEndpoints.CancelPath, DutyEndpoints.TestMessagePath];

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_LoggedInWithoutAntiforgeryToken_400AndNothingStored(string path)
    {
        await using var s = await StartAsync();
        var page = await s.Client.GetStringAsync(DutyEndpoints.NewWarningPath);
        var before = await s.Board.Db.SnapshotAsync(Tables);

        var response = await s.Client.PostFormAsync(path,
            ("identifier", Field(page, "identifier")), ("level", "red"), ("event", "暴雨"), ("regions", Jinji), ("sent", Field(page, "sent")),
            ("expires", Field(page, "expires")), ("origin", "县气象台"), ("key", BoardScenario.RedKey), ("personId", "P-042"), ("channel", "sms"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("表单已过期或来源不明", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await s.Board.Db.SnapshotAsync(Tables));
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_Anonymous_SentToLoginAndNothingStored(string path)
    {
        await using var s = await StartAsync();
        var token = await s.FormTokenAsync();
        using var anonymous = new BrowserClient(s.Board.BaseAddress);
        var before = await s.Board.Db.SnapshotAsync(Tables);

        var response = await anonymous.PostFormAsync(path, (BrowserClient.AntiforgeryField, token), ("level", "red"), ("key", BoardScenario.RedKey));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        Assert.Equal(before, await s.Board.Db.SnapshotAsync(Tables));
    }

    [Fact]
    public async Task Admin_EntersAPhoneWarning_Allowed()
    {
        await using var s = await StartAsync("admin", "qinglan-admin");

        var (response, _, key) = await s.EnterPhoneWarningAsync(Jinji);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await s.NotificationsAsync(key.Replace("manual:duty|", "manual:admin|")));
    }

    [Fact]
    public async Task Board_ManualWarning_CardLinksItsRecordAndOffersCancel()
    {
        await using var s = await StartAsync();
        var (_, _, key) = await s.EnterPhoneWarningAsync(Jinji);

        var html = await s.Client.GetStringAsync("/");

        Assert.Contains($"href=\"{RecordLinkOf(key)}\"", html);
        Assert.Contains($"href=\"{RecordLinkOf(BoardScenario.RedKey)}\"", html);
        Assert.Contains("值班员 duty 人工录入", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<form class=\"cancel\""));
        Assert.Contains($"href=\"{DutyEndpoints.NewWarningPath}?lang=zh\"", html);
        Assert.Contains($"href=\"{DutyEndpoints.NewDrillPath}?lang=zh\"", html);
        Assert.Contains($"href=\"{DutyEndpoints.TestMessagePath}?lang=zh\"", html);
        Assert.Contains("action=\"/api/records/day\"", html);
        Assert.Contains("name=\"date\" required value=\"2026-07-10\"", html);
    }

    private static string RecordLinkOf(string key) => WebUtility.HtmlEncode($"/api/warnings/{Uri.EscapeDataString(key)}/record?format=csv");
}
