using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;
using AlertWorker.Tests.Configuration;

namespace AlertWorker.Tests.Feeds;

public class FeedsLoaderTests
{
    [Fact]
    public void Load_SampleFeeds_ResolvesFilesAgainstTheConfigFolder()
    {
        var result = FeedsLoader.Load(SampleConfigFolder.SourcePath);

        Assert.Empty(result.Problems);
        var feeds = result.Value!;
        Assert.Equal(["qinglan-met-cap", "qinglan-geohazard"], feeds.Select(f => f.Id));
        Assert.Equal([FeedKind.Cap, FeedKind.GeohazardGeoJson], feeds.Select(f => f.Kind));
        Assert.All(feeds, f => Assert.True(Path.IsPathFullyQualified(f.Url) && File.Exists(f.Url), f.Url));
        Assert.All(feeds, f => Assert.False(f.IsHttp));
        Assert.Equal(Path.Combine(SampleConfigFolder.SourcePath, "samples", "qinglan-1-rainstorm-orange.xml"), feeds[0].Url);
        Assert.Equal(TimeSpan.FromMinutes(2), feeds[0].Interval);
        Assert.Equal(ParseOptions.DefaultMaxSize, feeds[0].MaxSize);
        Assert.Equal(4L * 1024 * 1024, feeds[1].MaxSize);
    }

    [Fact]
    public void Parse_HttpFeedWithCertificates_ReadsEveryField()
    {
        using var config = new SampleConfigFolder();
        config.Write("issuer.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        const string yaml = """
            feeds:
              - id: nws.oregon
                kind: cap-index
                url: https://api.weather.gov/alerts/active.atom?area=OR
                interval: PT1M
                timeout: 20s
                staleAfter: 10m
                maxSize: 8388608
                requireSignature: true
                trustedCertificates:
                  - issuer.pem
            """;

        var result = FeedsLoader.Parse(yaml, config.Path);

        Assert.Empty(result.Problems);
        var feed = Assert.Single(result.Value!);
        Assert.Equal("https://api.weather.gov/alerts/active.atom?area=OR", feed.Url);
        Assert.True(feed.IsHttp);
        Assert.Equal(FeedKind.CapIndex, feed.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), feed.Timeout);
        Assert.Equal(8388608, feed.MaxSize);
        Assert.True(feed.RequireSignature);
        Assert.Equal([config.FullPath("issuer.pem")], feed.TrustedCertificates);
    }

    private const string Good = "  - id: a\n    kind: cap\n    url: samples/qinglan-1-rainstorm-orange.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 15m\n";

    // Each YAML has one mistake; expected: the one problem with its line.
    [Theory]
    // an unknown kind
    [InlineData("feeds:\n" + "  - id: a\n    kind: rss\n    url: samples/qinglan-1-rainstorm-orange.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 15m\n",
        "feeds.yaml:3: feed a: unknown kind 'rss' (use cap, cap-index, nws-geojson, geohazard-geojson)")]
    // a file that does not exist
    [InlineData("feeds:\n" + "  - id: a\n    kind: cap\n    url: samples/missing.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 15m\n",
        "feeds.yaml:4: feed a: url: file 'samples/missing.xml' does not exist (paths are relative to the config folder)")]
    // a scheme other than http(s)
    [InlineData("feeds:\n" + "  - id: a\n    kind: cap\n    url: ftp://example.org/a.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 15m\n",
        "feeds.yaml:4: feed a: url 'ftp://example.org/a.xml' must be http(s) or a file path relative to the config folder")]
    // the same id twice
    [InlineData("feeds:\n" + Good + Good,
        "feeds.yaml:8: duplicate feed id 'a' (first on line 2)")]
    // a bad duration
    [InlineData("feeds:\n" + "  - id: a\n    kind: cap\n    url: samples/qinglan-1-rainstorm-orange.xml\n    interval: every 2 minutes\n    timeout: 30s\n    staleAfter: 15m\n",
        "feeds.yaml:5: feed a: interval: 'every 2 minutes' is not a duration (use e.g. 30s, 10m, 2h, 1d or PT10M)")]
    // a timeout longer than the interval
    [InlineData("feeds:\n" + "  - id: a\n    kind: cap\n    url: samples/qinglan-1-rainstorm-orange.xml\n    interval: 2m\n    timeout: 5m\n    staleAfter: 15m\n",
        "feeds.yaml:6: feed a: timeout 5m is longer than the interval 2m")]
    // staleAfter not longer than the interval
    [InlineData("feeds:\n" + "  - id: a\n    kind: cap\n    url: samples/qinglan-1-rainstorm-orange.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 2m\n",
        "feeds.yaml:7: feed a: staleAfter 2m must be longer than the interval 2m")]
    // a required key missing
    [InlineData("feeds:\n" + "  - id: a\n    kind: cap\n    url: samples/qinglan-1-rainstorm-orange.xml\n    timeout: 30s\n    staleAfter: 15m\n",
        "feeds.yaml:2: feed a: 'interval' is missing")]
    // a size with an unknown unit
    [InlineData("feeds:\n" + Good + "    maxSize: 16 parsecs\n",
        "feeds.yaml:8: feed a: maxSize '16 parsecs' is not a positive size (use bytes, or e.g. 512KB, 16MB)")]
    // signatures required but no certificate
    [InlineData("feeds:\n" + Good + "    requireSignature: true\n",
        "feeds.yaml:2: feed a: requireSignature needs trustedCertificates")]
    // a certificate file that does not exist
    [InlineData("feeds:\n" + Good + "    requireSignature: true\n    trustedCertificates: [certs/none.pem]\n",
        "feeds.yaml:9: feed a: certificate: file 'certs/none.pem' does not exist (paths are relative to the config folder)")]
    // a misspelt key
    [InlineData("feeds:\n" + Good + "    intervall: 5m\n",
        "feeds.yaml:8: feed a: unknown key 'intervall' (expected id, kind, url, interval, timeout, staleAfter, maxSize, requireSignature, trustedCertificates)")]
    // an id that cannot be a job key
    [InlineData("feeds:\n" + "  - id: a b\n    kind: cap\n    url: samples/qinglan-1-rainstorm-orange.xml\n    interval: 2m\n    timeout: 30s\n    staleAfter: 15m\n",
        "feeds.yaml:2: feed a b: id 'a b' may hold only letters, digits, '.', '_' and '-'")]
    // feeds not a list
    [InlineData("feeds: none\n",
        "feeds.yaml:1: feeds: expected a list")]
    public void Parse_OneMistake_ReportsItWithItsLine(string yaml, string expected)
    {
        var result = FeedsLoader.Parse(yaml, SampleConfigFolder.SourcePath);

        Assert.Equal([expected], result.Problems.Select(p => p.ToString()));
        Assert.Null(result.Value);
    }

    [Fact]
    public void Parse_MisspeltFeedsKey_ReportsBothTheKeyAndTheMissingList()
    {
        var result = FeedsLoader.Parse("feed:\n" + Good, SampleConfigFolder.SourcePath);

        Assert.Equal(
        [
            "feeds.yaml:1: the file has no 'feeds:' list",
            "feeds.yaml:1: top level: unknown key 'feed' (expected feeds)",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("1048576", 1048576)]   // plain bytes
    [InlineData("16MB", 16777216)]     // megabytes, binary
    [InlineData("512 KiB", 524288)]    // kibibytes with a space
    [InlineData("1gb", 1073741824)]    // lower case
    public void Parse_MaxSize_ReadsUnits(string size, long bytes)
    {
        var result = FeedsLoader.Parse("feeds:\n" + Good + $"    maxSize: {size}\n", SampleConfigFolder.SourcePath);

        Assert.Equal(bytes, Assert.Single(result.Value!).MaxSize);
    }

    [Fact]
    public void Load_MissingFile_ReportsIt()
    {
        using var config = new SampleConfigFolder();
        File.Delete(config.FullPath(FeedsLoader.FileName));

        var result = FeedsLoader.Load(config.Path);

        Assert.Equal(["feeds.yaml:0: file not found"], result.Problems.Select(p => p.ToString()));
    }
}
