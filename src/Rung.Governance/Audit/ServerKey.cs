using System.Security.Cryptography;
using System.Text;
using Rung.Storage.Keys;

namespace Rung.Governance.Audit;

/// <summary>
/// The server's ECDSA P-256 key that signs audit checkpoints and seals electronic signatures. It lives in
/// <c>DIR/keys/audit-signing.key</c> (PKCS#8 PEM, file mode 600), created on first use, with the public half beside
/// it in <c>audit-signing.pub</c> for verifiers. Dispose it to clear the key from memory.
/// </summary>
public sealed class ServerKey : IDisposable
{
    private const string PrivateName = "audit-signing.key";
    private const string PublicName = "audit-signing.pub";
    private readonly ECDsa _key;

    private ServerKey(ECDsa key, bool hasPrivateKey)
    {
        _key = key;
        HasPrivateKey = hasPrivateKey;
        KeyId = EcdsaKeyFile.KeyIdOf(key);
    }

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo), hex, first 16 characters.</summary>
    public string KeyId { get; }

    /// <summary>False when only the public key was loaded (a verifier without the private key).</summary>
    public bool HasPrivateKey { get; }

    /// <summary>Loads the key from <paramref name="keysFolder"/>, creating it (mode 600) when missing.</summary>
    /// <exception cref="InvalidDataException">The key file is not a P-256 private key in PEM; the message names the file.</exception>
    public static ServerKey LoadOrCreate(string keysFolder) => new(FileIn(keysFolder).LoadOrCreate(), hasPrivateKey: true);

    /// <summary>Loads the key for verification: the public key when present, else the private one; null when neither exists.</summary>
    public static ServerKey? LoadForVerification(string keysFolder)
    {
        var file = FileIn(keysFolder);
        if (File.Exists(file.PublicPath))
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(file.PublicPath));
            }
            catch
            {
                key.Dispose();
                throw;
            }

            return new ServerKey(key, hasPrivateKey: false);
        }

        return File.Exists(file.PrivatePath)
            ? new ServerKey(EcdsaKeyFile.FromPrivatePem(File.ReadAllText(file.PrivatePath), file.PrivatePath), hasPrivateKey: true)
            : null;
    }

    /// <summary>Signs text (UTF-8); the signature is base64 of the IEEE P1363 form.</summary>
    /// <exception cref="InvalidOperationException">Only the public key is loaded.</exception>
    public string Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasPrivateKey)
        {
            throw new InvalidOperationException("This server key was loaded for verification only and cannot sign.");
        }

        return Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256));
    }

    /// <summary>True when <paramref name="signature"/> is this key's signature of <paramref name="text"/>.</summary>
    public bool Verify(string text, string signature)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        try
        {
            return _key.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static EcdsaKeyFile FileIn(string keysFolder) => new(keysFolder, PrivateName, PublicName);
}
