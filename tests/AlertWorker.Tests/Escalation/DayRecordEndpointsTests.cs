using System.Net;
using System.Text;
using AlertWorker.Escalation;
using AlertWorker.Storage;
using AlertWorker.Tests.Web;
using AlertWorker.Tests.Web.Board;
using AlertWorker.Tests.Web.Duty;

namespace AlertWorker.Tests.Escalation;

/// <summary>GET /api/records/day: the 叫应 record of one local day (Asia/Shanghai), on the real worker and a fake clock.</summary>
public class DayRecordEndpointsTests
{
    [Theory, SqliteData, PostgresData]
    public async Task GetDay_WarningsEitherSideOfLocalMidnight_EachInItsOwnDayWithTheBom(SqlDialect dialect)
    {
        await using var s = await DutyScenario.StartAsync(dialect: dialect);
        // 23:59 and 00:01 Beijing time are 15:59 and 16:01 UTC of one UTC day: only the zone tells them apart
        s.Board.Clock.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(59));
        await s.Client.LogInAsync("duty", "qinglan-duty"); // the 12-hour session ran out on the way
        var (_, _, late) = await s.EnterPhoneWarningAsync(DutyScenario.Jinji);
        s.Board.Clock.Advance(TimeSpan.FromMinutes(2));
        var (_, _, early) = await s.EnterPhoneWarningAsync(DutyScenario.Jinji);
        await s.Board.DispatchAsync();

        var first = await s.Client.GetAsync($"{RecordEndpoints.DayPath}?date=2026-07-10");
        var second = await s.Client.GetAsync($"{RecordEndpoints.DayPath}?date=2026-07-11");
        var today = await s.Client.GetAsync(RecordEndpoints.DayPath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/csv", first.Content.Headers.ContentType?.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var day1 = Rows(bytes);
        var day2 = Rows(await second.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("warning,received,status,msg_type,event,headline,action,entered_by,origin,notification,person,name,", day1[0]);
        Assert.Equal([BoardScenario.RedKey, late], day1.Skip(1).Select(Key).Distinct());
        Assert.Equal([early], day2.Skip(1).Select(Key).Distinct());
        Assert.Equal(await Rows(today), day2);
        // one row per notification of the day's warnings, each with its warning's columns and who entered it
        Assert.Equal((await s.NotificationsAsync(late)).Count, day1.Count(r => Key(r) == late));
        Assert.Contains(day1, r => r.StartsWith($"{late},2026-07-10 23:59:00,actual,alert,暴雨,暴雨橙色预警,notify,duty,县气象台 电话 张三,", StringComparison.Ordinal));
        Assert.Contains(day1, r => r.StartsWith($"{BoardScenario.RedKey},2026-07-10 09:00:00,actual,alert,暴雨,", StringComparison.Ordinal) && r.Contains(",notify,,,"));
    }

    [Theory]
    [InlineData("?date=2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("?date=10.07.2026", HttpStatusCode.BadRequest)]
    [InlineData("?format=xml", HttpStatusCode.BadRequest)]
    // a day without warnings is the header alone
    [InlineData("?date=2020-01-01", HttpStatusCode.OK)]
    public async Task GetDay_BadDateOrFormat_400(string query, HttpStatusCode expected)
    {
        await using var s = await DutyScenario.StartAsync();

        var response = await s.Client.GetAsync(RecordEndpoints.DayPath + query);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Single(Rows(await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task GetDay_Json_TheDayWithTimesInTheZone(SqlDialect dialect)
    {
        await using var s = await DutyScenario.StartAsync(dialect: dialect);

        var json = await s.Client.GetStringAsync($"{RecordEndpoints.DayPath}?date=2026-07-10&format=json");

        Assert.Contains("\"day\": \"2026-07-10\"", json);
        Assert.Contains("\"received\": \"2026-07-10T09:00:00", json);
        Assert.Contains("+08:00\"", json);
    }

    [Theory, SqliteData, PostgresData]
    public async Task GetWarningRecord_Csv_StartsWithTheBomAndComesAsADownload(SqlDialect dialect)
    {
        await using var s = await DutyScenario.StartAsync(dialect: dialect);

        var response = await s.Client.GetAsync($"/api/warnings/{Uri.EscapeDataString(BoardScenario.RedKey)}/record");

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("warning,notification,person,", Encoding.UTF8.GetString(bytes[3..]));
    }

    private static async Task<List<string>> Rows(HttpResponseMessage response) => Rows(await response.Content.ReadAsByteArrayAsync());

    private static List<string> Rows(byte[] csv) =>
        Encoding.UTF8.GetString(csv.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Key(string row) => row[..row.IndexOf(',', StringComparison.Ordinal)];
}
