using System.Security.Cryptography.X509Certificates;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// What one feed document gave: the warnings that stood on their own, the parts rejected with a
/// one-line reason, and (for a cap-index) the links to CAP documents still to fetch. A document
/// rejected whole has <see cref="DocumentError"/> set and nothing else.
/// </summary>
public sealed record ParsedDocument
{
    public FeedKind? Kind { get; init; }
    public IReadOnlyList<Warning> Warnings { get; init; } = [];
    public IReadOnlyList<Rejection> Rejections { get; init; } = [];
    public IReadOnlyList<IndexEntryLink> Links { get; init; } = [];
    /// <summary>Why the whole document was rejected (not well-formed, too large, DOCTYPE, unknown kind).</summary>
    public string? DocumentError { get; init; }

    public bool RejectedWhole => DocumentError is not null;

    public static ParsedDocument Rejected(string error) => new() { DocumentError = error };
}

/// <summary>A part of a document that was rejected: <c>Part</c> names it (alert identifier, entry
/// id, feature id), <c>Error</c> says what is wrong, on one line.</summary>
public sealed record Rejection(string Part, string Error)
{
    public override string ToString() => $"{Part}: {Error}";
}

/// <summary>An Atom/RSS entry that links to a CAP document instead of embedding it.
/// <c>Updated</c> (or the entry id) tells the poller whether it changed since last seen.</summary>
public sealed record IndexEntryLink(string EntryId, string Url, DateTimeOffset? Updated);

public sealed record ParseOptions
{
    public const long DefaultMaxSize = 16 * 1024 * 1024;

    public long MaxSize { get; init; } = DefaultMaxSize;

    /// <summary>When set, a CAP alert without a valid signature by one of the trusted certificates is rejected.</summary>
    public bool RequireSignature { get; init; }

    public IReadOnlyList<X509Certificate2> TrustedCertificates { get; init; } = [];

    public static ParseOptions Default { get; } = new();
}
