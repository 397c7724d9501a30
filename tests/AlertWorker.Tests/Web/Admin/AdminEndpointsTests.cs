using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AlertWorker.Configuration;
using AlertWorker.Storage;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;

namespace AlertWorker.Tests.Web.Admin;

/// <summary>The admin pages on the real worker and database (no browser): list, edit, import, export, audit.</summary>
public class AdminEndpointsTests
{
    private sealed class Site : IAsyncDisposable
    {
        public required TempDatabase Db { get; init; }
        public required SampleConfigFolder Config { get; init; }
        public required WebTestHost Host { get; init; }
        public BrowserClient Client => Host.Client;

        public static async Task<Site> StartAsync(string user = "admin", string password = "qinglan-admin", SqlDialect dialect = SqlDialect.Sqlite)
        {
            var db = await TempDatabase.CreateAsync(dialect);
            var config = new SampleConfigFolder();
            var host = await WebTestHost.StartAsync(db, config);
            await host.Client.LogInAsync(user, password);
            return new Site { Db = db, Config = config, Host = host };
        }

        public long DirectoryVersion => Host.Service<LiveConfig>().Current!.DirectoryVersion;

        public async Task<HttpResponseMessage> UploadAsync(string table, string csv)
        {
            var token = await Client.FormTokenAsync("/admin/import");
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), BrowserClient.AntiforgeryField },
                { new StringContent(table), "table" },
                { file, "file", "people.csv" },
            };
            return await Client.PostAsync("/admin/import", form);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            Config.Dispose();
            await Db.DisposeAsync();
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task List_Search_OnlyMatchingRows(SqlDialect dialect)
    {
        await using var s = await Site.StartAsync(dialect: dialect);

        var html = await s.Client.GetStringAsync("/admin/directory/people?q=P-042");

        Assert.Contains("<td>P-042</td>", html);
        Assert.DoesNotContain("<td>P-043</td>", html);
        Assert.Contains("共 1 行", html);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Export_People_BomAndTheRowsInForce(SqlDialect dialect)
    {
        await using var s = await Site.StartAsync(dialect: dialect);

        var bytes = await s.Client.GetByteArrayAsync("/admin/directory/people/export");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,name,phone,email,language,regionCode", lines[0]);
        Assert.Equal(117, lines.Length - 1);
    }

    [Fact]
    public async Task Import_OneBadRow_PreviewNamesTheLineAndNothingApplied()
    {
        await using var s = await Site.StartAsync();
        var csv = Encoding.UTF8.GetString((await s.Client.GetByteArrayAsync("/admin/directory/people/export"))[3..])
            + "P-900,新人甲,+8613800000900,,zh-CN,\r\nP-901,新人乙,12345,,zh-CN,\r\n";

        var response = await s.UploadAsync("people", csv);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("发现 1 个问题，未做任何更改", html);
        Assert.Contains("people.csv:120: ", html);
        Assert.DoesNotContain("/admin/import/apply", html);
        Assert.Equal(1, s.DirectoryVersion);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ImportThenApply_ValidFile_NewVersionAndAuditEntry(SqlDialect dialect)
    {
        await using var s = await Site.StartAsync(dialect: dialect);
        var csv = Encoding.UTF8.GetString((await s.Client.GetByteArrayAsync("/admin/directory/people/export"))[3..])
            + "P-900,新人甲,+8613800000900,,zh-CN,\r\n";

        var preview = await (await s.UploadAsync("people", csv)).Content.ReadAsStringAsync();
        Assert.Contains("新增 1 行，修改 0 行，删除 0 行", preview);
        var content = System.Text.RegularExpressions.Regex.Match(preview, "name=\"content\" value=\"([^\"]*)\"").Groups[1].Value;
        var applied = await s.Client.PostFormAsync("/admin/import/apply",
            ("table", "people"), ("baseVersion", "1"), ("content", WebUtility.HtmlDecode(content)),
            (BrowserClient.AntiforgeryField, await s.Client.FormTokenAsync("/admin/import")));

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(2, s.DirectoryVersion);
        var audit = await s.Client.GetStringAsync("/admin/audit");
        Assert.Contains("<td>admin</td><td>2</td><td>人员</td><td>新增</td><td>P-900</td>", audit);
    }

    [Theory, SqliteData, PostgresData]
    public async Task EditRow_NewPhone_SavedAndInForce(SqlDialect dialect)
    {
        await using var s = await Site.StartAsync(dialect: dialect);
        var token = await s.Client.FormTokenAsync("/admin/directory/people/edit?key=P-042");

        var response = await s.Client.PostFormAsync("/admin/directory/people/edit",
            ("key", "P-042"), ("baseVersion", "1"), ("id", "P-042"), ("name", "王新明"), ("phone", "+8613800000042"),
            ("email", ""), ("language", "zh-CN"), ("regionCode", ""), ("action", "save"), (BrowserClient.AntiforgeryField, token));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/directory/people?saved=2", response.Headers.Location!.OriginalString);
        Assert.Equal("王新明", s.Host.Service<LiveConfig>().Current!.Matching.Matcher.Directory.PeopleById["P-042"].Name);
    }

    [Fact]
    public async Task EditRow_BadPhone_FormAgainWithTheProblemAndNothingStored()
    {
        await using var s = await Site.StartAsync();
        var token = await s.Client.FormTokenAsync("/admin/directory/people/edit?key=P-042");

        var response = await s.Client.PostFormAsync("/admin/directory/people/edit",
            ("key", "P-042"), ("baseVersion", "1"), ("id", "P-042"), ("name", "王新明"), ("phone", "0138"),
            ("email", ""), ("language", "zh-CN"), ("regionCode", ""), ("action", "save"), (BrowserClient.AntiforgeryField, token));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("未保存，请改正", html);
        Assert.Contains("value=\"0138\"", html);
        Assert.Equal(1, await new SqlDirectoryVersionStore(s.Db.Database).LatestNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EditRow_WithoutAntiforgeryToken_Refused()
    {
        await using var s = await Site.StartAsync();

        var response = await s.Client.PostFormAsync("/admin/directory/people/edit",
            ("key", "P-042"), ("baseVersion", "1"), ("id", "P-042"), ("name", "王新明"), ("action", "save"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, s.DirectoryVersion);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Overview_BrokenCsvDroppedIntoTheFolder_ShownWithItsLine(SqlDialect dialect)
    {
        await using var s = await Site.StartAsync(dialect: dialect);
        var line = s.Config.ReplaceLine("directory/people.csv", "P-042,", "P-042,王明,not-a-phone,,zh-CN,");
        await s.Host.Service<ConfigReloadService>().ReloadAsync(CancellationToken.None);

        var html = await s.Client.GetStringAsync("/admin");

        Assert.Contains($"directory/people.csv:{line}: ", html);
        Assert.Contains("仍按名录版本 1 运行", html);
    }

    [Theory]
    [InlineData("/admin/directory/people")]
    [InlineData("/admin/import")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/directory/people/export")]
    public async Task AdminPages_DutyOfficer_Forbidden(string path)
    {
        await using var s = await Site.StartAsync("duty", "qinglan-duty");

        var response = await s.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
