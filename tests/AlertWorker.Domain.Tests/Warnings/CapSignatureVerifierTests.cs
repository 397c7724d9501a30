using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

/// <summary>Signatures are made here with throw-away keys, so each rule is checked against a
/// signature known to be right before it is broken.</summary>
public class CapSignatureVerifierTests
{
    private static readonly RSA RsaKey = RSA.Create(2048);
    private static readonly X509Certificate2 RsaCertificate = SelfSigned(new CertificateRequest("CN=test-rsa", RsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    private static readonly ECDsa EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly X509Certificate2 EcCertificate = SelfSigned(new CertificateRequest("CN=test-ecdsa", EcKey, HashAlgorithmName.SHA256));

    private static X509Certificate2 SelfSigned(CertificateRequest request) =>
        request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Signs the alert the way CAP signers do: enveloped, whole document, certificate in KeyInfo.</summary>
    private static string Sign(string xml, AsymmetricAlgorithm key, X509Certificate2 certificate, string signatureMethod, string canonicalization)
    {
        CapSignatureAlgorithms.Register();
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var signed = new SignedXml(document) { SigningKey = key };
        signed.SignedInfo!.SignatureMethod = signatureMethod;
        signed.SignedInfo.CanonicalizationMethod = canonicalization;
        var reference = new System.Security.Cryptography.Xml.Reference("") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
        return document.OuterXml;
    }

    private static string RsaSigned() =>
        Sign(Samples.Minimal, RsaKey, RsaCertificate, SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigExcC14NTransformUrl);

    private static string EcdsaSigned() =>
        Sign(Samples.Minimal, EcKey, EcCertificate, CapSignatureAlgorithms.EcdsaSha256Url, CapSignatureAlgorithms.C14N11Url);

    [Fact]
    public void Parse_RsaSignedAlert_IsAccepted()
    {
        var warning = Samples.Accepted(RsaSigned());

        Assert.Equal("TEST-0001", warning.Identifier);
    }

    [Fact]
    public void Parse_EcdsaSignedWithC14N11_IsAccepted()
    {
        Samples.Accepted(EcdsaSigned());
    }

    [Fact]
    public void Parse_SignedAlertAlteredAfterSigning_IsRejected()
    {
        var altered = RsaSigned().Replace("<event>Rainstorm</event>", "<event>Nothing to see</event>");

        var rejection = Samples.Rejected(altered);

        Assert.Equal(new Rejection("alert test@example.org|TEST-0001", "XML signature does not verify"), rejection);
    }

    [Fact]
    public void Parse_EcdsaSignatureValueFlipped_IsRejected()
    {
        var signed = EcdsaSigned();
        var start = signed.IndexOf("<SignatureValue>", StringComparison.Ordinal) + "<SignatureValue>".Length;
        var flipped = signed[..start] + (signed[start] == 'A' ? 'B' : 'A') + signed[(start + 1)..];

        Assert.Equal("XML signature does not verify", Samples.Rejected(flipped).Error);
    }

    [Fact]
    public void Parse_SignedAlertWithWhitespaceReindented_IsRejected()
    {
        var reindented = RsaSigned().Replace("\n  <identifier>", "\n    <identifier>");

        Assert.Equal("XML signature does not verify", Samples.Rejected(reindented).Error);
    }

    [Fact]
    public void Parse_ReferenceOutsideTheDocument_IsRejectedWithoutFetching()
    {
        var external = RsaSigned().Replace("<Reference URI=\"\">", "<Reference URI=\"file:///etc/passwd\">");
        Assert.Contains("file:///etc/passwd", external);

        Assert.Equal("XML signature does not verify", Samples.Rejected(external).Error);
    }

    [Fact]
    public void Parse_RequireSignatureAndUnsigned_IsRejected()
    {
        var options = new ParseOptions { RequireSignature = true, TrustedCertificates = [RsaCertificate] };

        var rejection = Samples.Rejected(Samples.Minimal, options);

        Assert.Equal("alert is not signed and this feed requires a signature", rejection.Error);
    }

    [Fact]
    public void Parse_RequireSignatureAndSignedByTrusted_IsAccepted()
    {
        var options = new ParseOptions { RequireSignature = true, TrustedCertificates = [EcCertificate, RsaCertificate] };

        Samples.Accepted(RsaSigned(), options);
    }

    [Fact]
    public void Parse_RequireSignatureAndSignedByUntrusted_IsRejected()
    {
        var options = new ParseOptions { RequireSignature = true, TrustedCertificates = [EcCertificate] };

        var rejection = Samples.Rejected(RsaSigned(), options);

        Assert.Equal("XML signature verifies but its certificate is not among the trusted ones", rejection.Error);
    }

    [Fact]
    public void Parse_EcCanadaEmbeddedWithItsCertificateTrusted_IsAccepted()
    {
        var result = Fixtures.Parse("feed/ec-canada-signed-embedded-cap.atom");
        Assert.Single(result.Warnings);
        var environmentCanada = EmbeddedCertificates("feed/ec-canada-signed-embedded-cap.atom")
            .Single(c => c.Subject.StartsWith("CN=meteo.gc.ca", StringComparison.Ordinal));

        var trusted = Fixtures.Parse("feed/ec-canada-signed-embedded-cap.atom",
            new ParseOptions { RequireSignature = true, TrustedCertificates = [environmentCanada] });

        Assert.Single(trusted.Warnings);
        Assert.Empty(trusted.Rejections);
    }

    [Fact]
    public void Parse_EcCanadaEmbeddedWithAnotherCertificateRequired_IsRejected()
    {
        var result = Fixtures.Parse("feed/ec-canada-signed-embedded-cap.atom",
            new ParseOptions { RequireSignature = true, TrustedCertificates = [RsaCertificate] });

        Assert.Empty(result.Warnings);
        Assert.Contains("not among the trusted", Assert.Single(result.Rejections).Error);
    }

    private static IEnumerable<X509Certificate2> EmbeddedCertificates(string fixture)
    {
        var document = new XmlDocument();
        document.LoadXml(System.Text.Encoding.UTF8.GetString(Fixtures.Bytes(fixture)));
        return document.GetElementsByTagName("X509Certificate", SignedXml.XmlDsigNamespaceUrl).OfType<XmlElement>()
            .Select(e => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(e.InnerText)));
    }
}
