using Rung.Registry.Signing;

namespace Rung.Edge.Models;

/// <summary>
/// The key an edge verifies signed models with: the server's model-signing public key, pinned in the edge's data
/// folder (<c>keys/server-model-signing.pub.pem</c>). Given with <c>--server-key FILE</c> it is pinned from that file
/// (replacing a pinned one); otherwise the key the server announces at the first contact is pinned (trust on first use)
/// and never replaced by what a server announces later.
/// </summary>
public static class EdgeTrustKey
{
    /// <summary>The pinned key's file inside the data folder.</summary>
    public static string PinnedPath(string dataFolder) => Path.Combine(dataFolder, "keys", "server-model-signing.pub.pem");

    /// <summary>
    /// The trusted key, or null when there is none yet (no pinned key, no <paramref name="serverKeyFile"/> and no
    /// server to announce one). <paramref name="report"/> hears what was pinned.
    /// </summary>
    /// <param name="dataFolder">The edge's data folder.</param>
    /// <param name="serverKeyFile">A PEM file given by the operator, or null.</param>
    /// <param name="announced">The server's public key PEM from its model listing, or null when the server is away.</param>
    /// <param name="report">Hears one line per decision.</param>
    /// <param name="cancellationToken">Stops the file reads and writes.</param>
    /// <exception cref="InvalidDataException">A key file is not an ECDSA P-256 public key in PEM; the message names it.</exception>
    public static async Task<SigningKey?> ResolveAsync(string dataFolder, FileInfo? serverKeyFile, string? announced, Action<string> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pinned = PinnedPath(dataFolder);
        if (serverKeyFile is not null)
        {
            if (!serverKeyFile.Exists)
            {
                throw new InvalidDataException($"--server-key: no file {serverKeyFile.FullName}.");
            }

            var pem = await File.ReadAllTextAsync(serverKeyFile.FullName, cancellationToken).ConfigureAwait(false);
            var key = SigningKey.FromPublicPem(pem, serverKeyFile.FullName);
            await PinAsync(pinned, key, cancellationToken).ConfigureAwait(false);
            report($"model-signing key {key.KeyId} pinned from {serverKeyFile.FullName}");
            return key;
        }

        if (File.Exists(pinned))
        {
            return SigningKey.FromPublicPem(await File.ReadAllTextAsync(pinned, cancellationToken).ConfigureAwait(false), pinned);
        }

        if (announced is null)
        {
            return null;
        }

        var first = SigningKey.FromPublicPem(announced, "the server's announced model-signing key");
        await PinAsync(pinned, first, cancellationToken).ConfigureAwait(false);
        report($"model-signing key {first.KeyId} pinned at first contact with the server ({pinned})");
        return first;
    }

    private static async Task PinAsync(string path, SigningKey key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, key.PublicKeyPem, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
