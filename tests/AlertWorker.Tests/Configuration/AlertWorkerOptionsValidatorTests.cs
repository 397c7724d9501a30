using AlertWorker.Configuration;

namespace AlertWorker.Tests.Configuration;

public class AlertWorkerOptionsValidatorTests
{
    public static TheoryData<string, string, string, string?> Rows => new()
    {
        // the defaults, with an existing folder
        { "good", "http://127.0.0.1:5080", "Asia/Shanghai", null },
        // https behind a proxy is fine
        { "https", "https://alerts.example.org/aw", "Asia/Shanghai", null },
        // a relative URL cannot sign webhooks
        { "relative url", "/alerts", "Asia/Shanghai", "PublicBaseUrl '/alerts' is not an absolute http(s) URL" },
        // ftp is not a web port
        { "ftp", "ftp://x.org", "Asia/Shanghai", "PublicBaseUrl 'ftp://x.org' is not an absolute http(s) URL" },
        // not an IANA zone
        { "bad zone", "http://127.0.0.1:5080", "Beijing", "TimeZone 'Beijing' is not a known IANA time zone" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Validate_Values_ReportsTheValueItRejects(string row, string url, string zone, string? expected)
    {
        var options = new AlertWorkerOptions { PublicBaseUrl = url, TimeZone = zone, ConfigDirectory = Path.GetTempPath() };

        var result = new AlertWorkerOptionsValidator().Validate(null, options);

        if (expected is null) Assert.True(result.Succeeded, row);
        else Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingConfigFolder_NamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        var options = new AlertWorkerOptions { ConfigDirectory = missing };

        var result = new AlertWorkerOptionsValidator().Validate(null, options);

        Assert.Contains($"ConfigDirectory '{missing}' does not exist", result.FailureMessage);
    }
}
