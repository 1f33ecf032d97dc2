using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rung.Storage.Keys;

/// <summary>
/// An ECDSA P-256 key kept as two PEM files in a keys folder: the private key (PKCS#8, owner read/write only on Unix
/// from the moment it has a name) and its public half beside it for verifiers. Every key the server holds goes through
/// here so they are created, protected and read the same way.
/// </summary>
public sealed class EcdsaKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Names the key's two files inside <paramref name="keysFolder"/>; nothing is read or written yet.</summary>
    public EcdsaKeyFile(string keysFolder, string privateFileName, string publicFileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keysFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateFileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(publicFileName);
        Folder = keysFolder;
        PrivatePath = Path.Combine(keysFolder, privateFileName);
        PublicPath = Path.Combine(keysFolder, publicFileName);
    }

    /// <summary>The keys folder.</summary>
    public string Folder { get; }

    /// <summary>The private key file (PKCS#8 PEM).</summary>
    public string PrivatePath { get; }

    /// <summary>The public key file (SubjectPublicKeyInfo PEM).</summary>
    public string PublicPath { get; }

    /// <summary>The key id: the first 16 lower-case hex digits of SHA-256 over the public key (SubjectPublicKeyInfo).</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>Reads a P-256 private key from PEM.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="where">Where the PEM came from, for the error message (a path, or "the imported PEM").</param>
    /// <exception cref="InvalidDataException">The text is not an ECDSA P-256 private key in PEM; the message names <paramref name="where"/>.</exception>
    public static ECDsa FromPrivatePem(string pem, string where)
    {
        ArgumentNullException.ThrowIfNull(pem);
        ArgumentException.ThrowIfNullOrWhiteSpace(where);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256)
            {
                throw new InvalidDataException($"{where}: the key is {key.KeySize.ToString(CultureInfo.InvariantCulture)} bits; Rung keys are ECDSA P-256.");
            }

            // A public key alone cannot sign; fail here rather than at the first signature.
            _ = key.ExportECPrivateKey();
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{where}: not an ECDSA P-256 private key in PEM ({ex.Message}).", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Loads the private key, first creating a new one (and its public file) when none exists.</summary>
    /// <exception cref="InvalidDataException">The private key file is not a P-256 private key in PEM; the message names the file.</exception>
    public ECDsa LoadOrCreate()
    {
        if (!File.Exists(PrivatePath))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Write(fresh, replace: false);
        }

        return FromPrivatePem(File.ReadAllText(PrivatePath), PrivatePath);
    }

    /// <summary>Writes <paramref name="key"/> as this key's files, replacing any key there.</summary>
    public void Save(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Write(key, replace: true);
    }

    private void Write(ECDsa key, bool replace)
    {
        Directory.CreateDirectory(Folder);

        // Written under a temporary name and then renamed, so nobody ever reads a half-written key, the file is never
        // readable by others even briefly, and when two processes create at once exactly one key wins.
        var temporary = Path.Combine(Folder, "." + Path.GetRandomFileName() + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var writer = new StreamWriter(new FileStream(temporary, options), Encoding.ASCII))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
            }

            File.Move(temporary, PrivatePath, overwrite: replace);
        }
        catch (IOException) when (!replace && File.Exists(PrivatePath))
        {
            // Another process created the key first; theirs is the key, and they write its public file.
            return;
        }
        finally
        {
            File.Delete(temporary);
        }

        File.WriteAllText(PublicPath, key.ExportSubjectPublicKeyInfoPem(), Encoding.ASCII);
    }
}
