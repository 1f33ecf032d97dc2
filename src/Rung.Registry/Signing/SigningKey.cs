using System.Security.Cryptography;
using Rung.Storage.Keys;

namespace Rung.Registry.Signing;

/// <summary>
/// Rung's ECDSA P-256 model-signing key, kept in DIR/keys as PEM (private key readable by the owner only on Unix).
/// Created on first use, or imported from a PEM the plant's PKI issued. Thread-safe for signing and verifying.
/// </summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>The private key file inside the keys folder.</summary>
    public const string PrivateKeyFile = "model-signing.pem";

    /// <summary>The public key file inside the keys folder.</summary>
    public const string PublicKeyFile = "model-signing.pub.pem";

    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        KeyId = EcdsaKeyFile.KeyIdOf(key);
    }

    /// <summary>The key id: the first 16 hex digits of SHA-256 over the public key.</summary>
    public string KeyId { get; }

    /// <summary>The public key as PEM, for verifiers elsewhere (an edge).</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Loads the key from <paramref name="keysFolder"/>, creating a new one there when none exists.</summary>
    /// <exception cref="InvalidDataException">The key file is not a P-256 private key in PEM; the message names the file.</exception>
    public static SigningKey LoadOrCreate(string keysFolder) => new(FileIn(keysFolder).LoadOrCreate());

    /// <summary>Imports a P-256 private key from PEM into <paramref name="keysFolder"/>, replacing any key there.</summary>
    /// <exception cref="InvalidDataException">The PEM is not a P-256 private key; the message says so.</exception>
    public static SigningKey Import(string keysFolder, string pem)
    {
        var file = FileIn(keysFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var key = EcdsaKeyFile.FromPrivatePem(pem, "the imported PEM");
        try
        {
            file.Save(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new SigningKey(key);
    }

    /// <summary>
    /// A verifying key from a P-256 public key in PEM (SubjectPublicKeyInfo), for a verifier that never signs (an edge
    /// pinning its server's key). <see cref="Sign"/> on it throws <see cref="CryptographicException"/>.
    /// </summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="where">Where the PEM came from, for the error message.</param>
    /// <exception cref="InvalidDataException">The text is not an ECDSA P-256 key in PEM; the message names <paramref name="where"/>.</exception>
    public static SigningKey FromPublicPem(string pem, string where)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256)
            {
                throw new InvalidDataException($"{where}: the key is {key.KeySize} bits; model-signing keys are ECDSA P-256.");
            }

            return new SigningKey(key);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{where}: not an ECDSA P-256 public key in PEM ({ex.Message}).", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Signs a manifest file's bytes.</summary>
    public SignedManifest Sign(ReadOnlySpan<byte> manifestBytes)
    {
        var signature = _key.SignData(ManifestHash.Pae(SignedManifest.ManifestPayloadType, manifestBytes), HashAlgorithmName.SHA256);
        return new SignedManifest(SignedManifest.ManifestPayloadType, KeyId, Convert.ToBase64String(signature));
    }

    /// <summary>True when <paramref name="signature"/> is this key's valid signature over <paramref name="manifestBytes"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> manifestBytes, SignedManifest signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.PayloadType != SignedManifest.ManifestPayloadType)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signature.Signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return _key.VerifyData(ManifestHash.Pae(signature.PayloadType, manifestBytes), bytes, HashAlgorithmName.SHA256);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static EcdsaKeyFile FileIn(string keysFolder) => new(keysFolder, PrivateKeyFile, PublicKeyFile);
}
