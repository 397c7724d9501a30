using System.Globalization;
using System.Net;
using AlertWorker.Acknowledgement;
using AlertWorker.Configuration;
using AlertWorker.Storage;
using AlertWorker.Tests.Web.Board;
using Dapper;
using static AlertWorker.Tests.Web.Board.BoardScenario;

namespace AlertWorker.Tests.Web.Metrics;

/// <summary><c>GET /metrics</c> on the real worker (<see cref="BoardScenario"/>: the red warning at 中坝村 sent to
/// its ten recipients over the outbox, the provincial hub down, so that its stale-feed alarm is stored too), scraped anonymously.</summary>
public class MetricsEndpointsTests
{
    private const int RedRecipients = 10;

    [Theory, SqliteData, PostgresData]
    public async Task Get_AfterAnswersAndEscalation_CountsEveryFamilyAnonymously(SqlDialect dialect)
    {
        await using var s = await StartAsync(dialect);
        await s.AdvanceAsync(TimeSpan.FromMinutes(4));
        await s.AnswerAsync(RedKey, "P-089", AnswerMethod.Sms);
        // the repeat call at 10 minutes goes to the nine still silent; P-091 answers it at 14
        await s.AdvanceAsync(TimeSpan.FromMinutes(10));
        await s.AnswerAsync(RedKey, "P-091", AnswerMethod.Voice);
        // the township duty is told at 20 minutes about the eight still silent
        await s.AdvanceAsync(TimeSpan.FromMinutes(7));
        await s.PollFeedsAsync();

        var response = await s.NewClient().GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.Equal(1, Value(body, $"alertworker_warnings{{feed=\"{RedFeed}\",level=\"red\",action=\"notify\"}}"));
        Assert.Equal(2, Value(body, "alertworker_notifications{kind=\"warning\",level=\"red\",state=\"acknowledged\"}"));
        Assert.Equal(await CountAsync(s, "notifications"), Sum(body, "alertworker_notifications{"));
        Assert.Equal(await CountAsync(s, "deliveries"), Sum(body, "alertworker_deliveries{"));
        Assert.True(Value(body, "alertworker_deliveries{channel=\"voice\",state=\"accepted\"}") > 0, body);
        Assert.Equal(RedRecipients - 1, Value(body, "alertworker_escalation_steps_total{action=\"repeat\"}"));
        Assert.Equal(RedRecipients - 2, Value(body, "alertworker_escalation_steps_total{action=\"notify\"}"));
        // answers after 4 minutes (240 s) and 14 minutes (840 s)
        double[] cumulative = [0, 1, 1, 2, 2, 2, 2];
        string[] bounds = ["60", "300", "600", "1200", "1800", "3600", "+Inf"];
        Assert.Equal(cumulative, bounds.Select(le => Value(body, $"alertworker_time_to_answer_seconds_bucket{{le=\"{le}\"}}")));
        Assert.Equal(240 + 840, Value(body, "alertworker_time_to_answer_seconds_sum"));
        Assert.Equal(2, Value(body, "alertworker_time_to_answer_seconds_count"));
        Assert.Equal(0, Value(body, $"alertworker_feed_consecutive_failures{{feed=\"{RedFeed}\"}}"));
        Assert.Equal(0, Value(body, $"alertworker_feed_stale{{feed=\"{RedFeed}\"}}"));
        // the scheduler polls the hub too as the clock moves: at least the scenario's own polls failed
        Assert.True(Value(body, $"alertworker_feed_consecutive_failures{{feed=\"{BrokenFeed}\"}}") >= 2, body);
        Assert.Equal(1, Value(body, $"alertworker_feed_stale{{feed=\"{BrokenFeed}\"}}"));
        Assert.All(["sms", "voice", "email"], c => Assert.Equal(1, Value(body, $"alertworker_channel_outbox{{channel=\"{c}\"}}")));
    }

    [Fact]
    public async Task Get_SampleCounty_NoPersonalDataOfAnyone()
    {
        await using var s = await StartAsync();
        await s.AdvanceAsync(TimeSpan.FromMinutes(21));
        await s.AnswerAsync(RedKey, "P-089", AnswerMethod.Sms);

        var body = await s.NewClient().GetStringAsync("/metrics");

        var people = s.Service<LiveConfig>().Current!.Config.Directory.People;
        Assert.NotEmpty(people);
        Assert.All(people, p =>
        {
            Assert.DoesNotContain(p.Id, body, StringComparison.Ordinal);
            Assert.DoesNotContain(p.Name, body, StringComparison.Ordinal);
            if (p.HasPhone) Assert.DoesNotContain(p.Phone!, body, StringComparison.Ordinal);
            if (p.HasEmail) Assert.DoesNotContain(p.Email!, body, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>The value of the one sample line of <paramref name="series"/> (name and labels exactly as written).</summary>
    private static double Value(string body, string series)
    {
        var lines = body.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one sample of {series}, found {lines.Count} in:\n{body}");
        return double.Parse(lines[0][(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The sum of every sample whose line starts with <paramref name="prefix"/>.</summary>
    private static double Sum(string body, string prefix) =>
        body.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static async Task<double> CountAsync(BoardScenario s, string table)
    {
        await using var connection = await s.Db.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
