using System.Security.Cryptography;
using System.Security.Cryptography.Xml;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// Teaches <see cref="SignedXml"/> the two algorithms CAP signers use that .NET lacks:
/// <list type="bullet">
/// <item>ECDSA signature methods (<c>xmldsig-more#ecdsa-sha256/384/512</c>, WMO alerting
/// authorities sign with them); the signature value is <c>r||s</c> as XML-DSig specifies.</item>
/// <item>Canonical XML 1.1 (<c>2006/12/xml-c14n11</c>), read with the C14N 1.0 implementation: the
/// two differ only in how <c>xml:id</c>/<c>xml:base</c> are inherited into a document subset,
/// which cannot happen for the enveloped whole-alert references accepted here.</item>
/// </list>
/// <see cref="CryptoConfig"/> is process-wide; registering is idempotent and done once.
/// </summary>
public static class CapSignatureAlgorithms
{
    public const string C14N11Url = "http://www.w3.org/2006/12/xml-c14n11";
    public const string EcdsaSha256Url = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public const string EcdsaSha384Url = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    public const string EcdsaSha512Url = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";

    private static readonly Lazy<bool> Registered = new(() =>
    {
        CryptoConfig.AddAlgorithm(typeof(XmlDsigC14NTransform), C14N11Url);
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), EcdsaSha256Url);
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha384SignatureDescription), EcdsaSha384Url);
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha512SignatureDescription), EcdsaSha512Url);
        return true;
    });

    public static void Register() => _ = Registered.Value;
}

/// <summary>ECDSA for <see cref="SignedXml"/>; public only because <see cref="CryptoConfig"/>
/// instantiates registered types by reflection.</summary>
public abstract class EcdsaSignatureDescription : SignatureDescription
{
    private readonly HashAlgorithmName _hash;

    protected EcdsaSignatureDescription(HashAlgorithmName hash)
    {
        _hash = hash;
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = hash.Name;
    }

    public override HashAlgorithm CreateDigest() => _hash.Name switch
    {
        "SHA256" => SHA256.Create(),
        "SHA384" => SHA384.Create(),
        _ => SHA512.Create(),
    };

    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) =>
        new EcdsaDeformatter((ECDsa)key);

    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) =>
        new EcdsaFormatter((ECDsa)key);

    private sealed class EcdsaDeformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();
        public override void SetHashAlgorithm(string strName) { }
        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) =>
            key.VerifyHash(rgbHash, rgbSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private sealed class EcdsaFormatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();
        public override void SetHashAlgorithm(string strName) { }
        public override byte[] CreateSignature(byte[] rgbHash) =>
            key.SignHash(rgbHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}

public sealed class EcdsaSha256SignatureDescription() : EcdsaSignatureDescription(HashAlgorithmName.SHA256);

public sealed class EcdsaSha384SignatureDescription() : EcdsaSignatureDescription(HashAlgorithmName.SHA384);

public sealed class EcdsaSha512SignatureDescription() : EcdsaSignatureDescription(HashAlgorithmName.SHA512);
