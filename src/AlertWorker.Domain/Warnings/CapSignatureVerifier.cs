using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// Checks the enveloped XML signatures (<c>ds:Signature</c> children of <c>&lt;alert&gt;</c>) of a
/// CAP alert, over the alert's own XML exactly as it came (whitespace kept; for an alert embedded
/// in an Atom entry, the embedded element as a document of its own).
/// <list type="bullet">
/// <item>An alert may carry several signatures: relays such as NAADS add theirs after the
/// originator's, and each signs the alert with every signature taken out. So each is checked
/// against the alert without the others, and the alert is good when at least one verifies (a
/// relay's malformed extra signature does not void the originator's valid one).</item>
/// <item>Nothing is fetched: references must be same-document (<c>""</c> or <c>#id</c>), the
/// resolver is null, and only the default safe canonicalizations and transforms (plus C14N 1.1,
/// see <see cref="CapSignatureAlgorithms"/>) are allowed, so XSLT and XPath transforms fail.</item>
/// <item>The key is the certificate's in <c>KeyInfo</c> (or a bare key value). With
/// <see cref="ParseOptions.RequireSignature"/> the verifying certificate must be one of
/// <see cref="ParseOptions.TrustedCertificates"/>; without it any verifying key is accepted,
/// as the signature then only proves the alert was not altered on the way.</item>
/// </list>
/// </summary>
internal static class CapSignatureVerifier
{
    static CapSignatureVerifier() => CapSignatureAlgorithms.Register();

    /// <summary>Null when the alert may be used; else the one-line reason.</summary>
    public static string? Check(FeedElement alert, OriginalAlertXml original, ParseOptions options)
    {
        var signatureCount = 0;
        foreach (var _ in alert.Elements(SignedXml.XmlDsigNamespaceUrl, "Signature")) signatureCount++;
        if (signatureCount == 0)
            return options.RequireSignature ? "alert is not signed and this feed requires a signature" : null;

        var xml = original.Of(alert);
        var verifiedByUntrusted = false;
        for (var i = 0; i < signatureCount; i++)
        {
            var result = Verify(xml, i, options);
            if (result == Verdict.Trusted) return null;
            verifiedByUntrusted |= result == Verdict.Untrusted;
        }
        return verifiedByUntrusted
            ? "XML signature verifies but its certificate is not among the trusted ones"
            : "XML signature does not verify";
    }

    private enum Verdict { Failed, Untrusted, Trusted }

    private static Verdict Verify(string alertXml, int index, ParseOptions options)
    {
        var document = SafeXml.LoadForSignature(alertXml);
        var root = document.DocumentElement!;
        var signatures = root.ChildNodes.OfType<XmlElement>()
            .Where(e => e.LocalName == "Signature" && e.NamespaceURI == SignedXml.XmlDsigNamespaceUrl)
            .ToList();
        var signature = signatures[index];
        foreach (var other in signatures.Where(s => s != signature)) root.RemoveChild(other);

        var signedXml = new SignedXml(document) { Resolver = null! };
        signedXml.SafeCanonicalizationMethods.Add(CapSignatureAlgorithms.C14N11Url);
        try
        {
            signedXml.LoadXml(signature);
            if (!ReferencesStayInDocument(signedXml)) return Verdict.Failed;

            var certificates = signedXml.KeyInfo.OfType<KeyInfoX509Data>()
                .SelectMany(data => data.Certificates?.OfType<X509Certificate2>() ?? [])
                .ToList();
            if (certificates.Count == 0)
                return !signedXml.CheckSignature() ? Verdict.Failed
                    : options.RequireSignature ? Verdict.Untrusted : Verdict.Trusted;

            var verified = certificates.Where(c => PublicKey(c) is { } key && signedXml.CheckSignature(key)).ToList();
            if (verified.Count == 0) return Verdict.Failed;
            if (!options.RequireSignature) return Verdict.Trusted;
            return verified.Any(c => options.TrustedCertificates.Any(t => t.RawData.AsSpan().SequenceEqual(c.RawData)))
                ? Verdict.Trusted
                : Verdict.Untrusted;
        }
        catch (CryptographicException)
        {
            // Malformed signature, unknown algorithm, unusable key: it does not verify.
            return Verdict.Failed;
        }
    }

    private static bool ReferencesStayInDocument(SignedXml signedXml) =>
        signedXml.SignedInfo!.References.OfType<Reference>()
            .All(r => string.IsNullOrEmpty(r.Uri) || (r.Uri.StartsWith('#') && !r.Uri.Contains("xpointer", StringComparison.Ordinal)));

    private static AsymmetricAlgorithm? PublicKey(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPublicKey()
        ?? (AsymmetricAlgorithm?)certificate.GetECDsaPublicKey()
        ?? certificate.GetDSAPublicKey();
}
