using System.Security.Cryptography;
using System.Text;

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
        KeyId = IdOf(key);
    }

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo), hex, first 16 characters.</summary>
    public string KeyId { get; }

    /// <summary>False when only the public key was loaded (a verifier without the private key).</summary>
    public bool HasPrivateKey { get; }

    /// <summary>Loads the key from <paramref name="keysFolder"/>, creating it (mode 600) when missing.</summary>
    public static ServerKey LoadOrCreate(string keysFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keysFolder);
        Directory.CreateDirectory(keysFolder);
        var privatePath = Path.Combine(keysFolder, PrivateName);
        if (!File.Exists(privatePath))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            try
            {
                // CreateNew: when two processes start at once, exactly one key wins and the other loads it.
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(privatePath, options);
                using (var writer = new StreamWriter(stream, Encoding.ASCII))
                {
                    writer.Write(fresh.ExportPkcs8PrivateKeyPem());
                }

                File.WriteAllText(Path.Combine(keysFolder, PublicName), fresh.ExportSubjectPublicKeyInfoPem());
            }
            catch (IOException) when (File.Exists(privatePath))
            {
            }
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(privatePath));
        return new ServerKey(key, hasPrivateKey: true);
    }

    /// <summary>Loads the key for verification: the private key when readable, else the public one; null when neither exists.</summary>
    public static ServerKey? LoadForVerification(string keysFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keysFolder);
        var privatePath = Path.Combine(keysFolder, PrivateName);
        var publicPath = Path.Combine(keysFolder, PublicName);
        var key = ECDsa.Create();
        try
        {
            if (File.Exists(publicPath))
            {
                key.ImportFromPem(File.ReadAllText(publicPath));
                return new ServerKey(key, hasPrivateKey: false);
            }

            if (File.Exists(privatePath))
            {
                key.ImportFromPem(File.ReadAllText(privatePath));
                return new ServerKey(key, hasPrivateKey: true);
            }
        }
        catch
        {
            key.Dispose();
            throw;
        }

        key.Dispose();
        return null;
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

    private static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
