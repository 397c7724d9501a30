using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AlertWorker.Configuration;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;
using AlertWorker.Storage;

namespace AlertWorker.Warnings;

/// <summary>
/// Takes a fetched feed document through the intake on the live configuration and the database,
/// and tells the poller what came of it. Logs each decision with the warning's key.
/// </summary>
public sealed class FeedDocumentHandler(
    LiveConfig live,
    IWarningStore store,
    TimeProvider time,
    ILogger<FeedDocumentHandler> logger) : IFeedDocumentHandler
{
    private readonly ConcurrentDictionary<string, bool> _unknownGeocodesLogged = new(StringComparer.Ordinal);

    public async ValueTask<DocumentHandling> HandleAsync(FeedDefinition feed, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (await AcceptAsync(feed.Id, content, ParseOptionsFor(feed), ct) is not { } result)
            return DocumentHandling.RejectedWhole(NoConfiguration);

        return new DocumentHandling
        {
            Accepted = result.Outcomes.Count,
            Rejections = result.Document.Rejections.Select(r => r.ToString()).ToList(),
            Links = result.Document.Links,
            DocumentError = result.Document.DocumentError,
        };
    }

    public const string NoConfiguration = "no valid configuration is loaded, so nothing can be matched";

    /// <summary>
    /// The intake of one document on the live configuration, stored under <paramref name="feedId"/> and
    /// logged: what a polled feed document goes through, and a warning a duty officer enters by hand too
    /// (as a CAP document of its own). Null when no valid configuration is loaded.
    /// </summary>
    public async Task<IntakeResult?> AcceptAsync(string feedId, ReadOnlyMemory<byte> content, ParseOptions options, CancellationToken ct)
    {
        if (live.Current is not { } config) return null;

        var now = time.GetUtcNow();
        var ledger = new StoreWarningLedger(store, feedId, now);
        var result = await WarningIntake.AcceptAsync(content, options, config.Matching, ledger, now, ct);

        foreach (var outcome in result.Outcomes) LogOutcome(feedId, outcome);
        return result;
    }

    private void LogOutcome(string feedId, WarningOutcome outcome)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WarningKey"] = outcome.Warning.Key });
        logger.LogInformation(
            "Warning {WarningKey} from {FeedId} at level {Level}: {Action} ({Reason}), {NoticeCount} notifications planned",
            outcome.Warning.Key, feedId, outcome.Warning.Level, outcome.Action, outcome.Reason?.ToString() ?? "accepted", outcome.Notices.Count);
        foreach (var code in outcome.UnknownGeocodes)
        {
            if (_unknownGeocodesLogged.TryAdd(code, true))
                logger.LogWarning("Geocode {Geocode} of {WarningKey} is not in regions.csv and was ignored", code, outcome.Warning.Key);
        }
    }

    private static ParseOptions ParseOptionsFor(FeedDefinition feed) => new()
    {
        MaxSize = feed.MaxSize,
        RequireSignature = feed.RequireSignature,
        TrustedCertificates = feed.TrustedCertificates.Select(LoadCertificate).ToList(),
    };

    /// <summary>A PEM or DER certificate file; feeds.yaml validation made sure it exists.</summary>
    private static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException)
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
    }
}
