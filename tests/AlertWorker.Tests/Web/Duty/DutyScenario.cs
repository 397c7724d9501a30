using System.Net;
using System.Text.RegularExpressions;
using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Storage;
using AlertWorker.Tests.Web.Board;
using AlertWorker.Web.Duty;
using Dapper;

namespace AlertWorker.Tests.Web.Duty;

/// <summary>
/// The duty actions on the board's worker (<see cref="BoardScenario"/>: the sample county, a fake clock at
/// 2026-07-10 09:00 Beijing time, a red warning at 中坝村 already sent to the outbox, no background loops)
/// with a logged-in duty officer's browser-like client, and the forms as the pages serve them.
/// </summary>
internal sealed partial class DutyScenario : IAsyncDisposable
{
    /// <summary>金鸡乡, a township away from the red warning's 双河乡.</summary>
    public const string Jinji = "511829204";

    /// <summary>Every stored table a duty action could write to.</summary>
    public static readonly string[] Tables = ["warnings", "warning_chains", "notifications", "deliveries", "outbox_messages"];

    private DutyScenario(BoardScenario board, BrowserClient client)
    {
        Board = board;
        Client = client;
    }

    public BoardScenario Board { get; }
    public BrowserClient Client { get; }

    public DirectorySnapshot Directory => Board.Service<LiveConfig>().Current!.Config.Directory;

    public static async Task<DutyScenario> StartAsync(string user = "duty", string password = "qinglan-duty", SqlDialect dialect = SqlDialect.Sqlite)
    {
        var board = await BoardScenario.StartAsync(dialect);
        var client = new BrowserClient(board.BaseAddress);
        var login = await client.LogInAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return new DutyScenario(board, client);
    }

    /// <summary>Opens the warning (or drill) form and posts it with these fields over the form's own
    /// (token, identifier, sent and expiry as served); repeated names (regions) are all sent.</summary>
    public async Task<(HttpResponseMessage Response, string Html, string Key)> EnterAsync(bool drill, params (string Name, string Value)[] fields)
    {
        var page = await Client.GetStringAsync(drill ? DutyEndpoints.NewDrillPath : DutyEndpoints.NewWarningPath);
        var served = new Dictionary<string, string>
        {
            [BrowserClient.AntiforgeryField] = Field(page, BrowserClient.AntiforgeryField),
            ["identifier"] = Field(page, "identifier"),
            ["sent"] = Field(page, "sent"),
            ["expires"] = Field(page, "expires"),
        };
        var names = fields.Select(f => f.Name).ToHashSet();
        var all = served.Where(s => !names.Contains(s.Key)).Select(s => (s.Key, s.Value)).Concat(fields).ToArray();
        var response = await Client.PostFormAsync(drill ? DutyEndpoints.DrillsPath : DutyEndpoints.WarningsPath, all);
        var key = "manual:duty|" + all.First(f => f.Item1 == "identifier").Item2;
        return (response, await response.Content.ReadAsStringAsync(), key);
    }

    /// <summary>An orange 暴雨 warning by phone for the regions given.</summary>
    public Task<(HttpResponseMessage Response, string Html, string Key)> EnterPhoneWarningAsync(params string[] regions) =>
        EnterAsync(false, [("level", "orange"), ("event", "暴雨"), ("origin", "县气象台 电话 张三"), .. regions.Select(r => ("regions", r))]);

    public async Task<string> FormTokenAsync() => await Client.FormTokenAsync("/");

    public async Task<IReadOnlyList<(string PersonId, string Kind, string State, long Exercise, long AnswerExpected)>> NotificationsAsync(string warningKey)
    {
        await using var connection = await Board.Db.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<(string, string, string, long, long)>(
            "SELECT person_id, kind, state, exercise, answer_expected FROM notifications WHERE warning_key = @Key ORDER BY person_id",
            new { Key = warningKey })).ToList();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Board.Db.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"no value for {sql}");
    }

    public async Task<IReadOnlyList<(string Channel, string Address, string? Subject, string Body, string PersonId)>> OutboxAfterAsync(long lastId)
    {
        await using var connection = await Board.Db.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<(string, string, string?, string, string)>(
            """
            SELECT o.channel, o.address, o.subject, o.body, n.person_id FROM outbox_messages o
            JOIN deliveries d ON d.id = o.delivery_id JOIN notifications n ON n.id = d.notification_id
            WHERE o.id > @Last ORDER BY o.id
            """, new { Last = lastId })).ToList();
    }

    /// <summary>The value of the first form field of that name on the page.</summary>
    public static string Field(string page, string name) =>
        new Regex($"name=\"{Regex.Escape(name)}\"[^>]*? value=\"([^\"]*)\"").Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no field {name} on the page");

    /// <summary>The field names of the error lines of a form page, in order.</summary>
    public static IReadOnlyList<string> ErrorFields(string page) =>
        ErrorLine().Matches(page).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<li data-field=\"([^\"]+)\">")]
    private static partial Regex ErrorLine();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Board.DisposeAsync();
    }
}
