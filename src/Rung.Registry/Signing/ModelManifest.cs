using System.Security.Cryptography;
using System.Text;

namespace Rung.Registry.Signing;

/// <summary>
/// The digests of every artefact file of one version, sorted by path. The root digest is SHA-256 over the
/// concatenated file digests in that order (as in OpenSSF model signing), so one value names the whole content.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The version.</param>
/// <param name="Files">Every artefact file, sorted by ordinal path.</param>
/// <param name="RootSha256">The root digest.</param>
public sealed record ModelManifest(string Format, string AgentId, string Version, IReadOnlyList<ManifestEntry> Files, string RootSha256)
{
    /// <summary>The manifest format name.</summary>
    public const string CurrentFormat = "rung.model-manifest/v1";

    /// <summary>The manifest file in a version folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The detached signature file in a version folder.</summary>
    public const string SignatureFileName = "manifest.sig";

    /// <summary>Builds the manifest of in-memory file contents (path to bytes).</summary>
    public static ModelManifest Create(string agentId, string version, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var entries = files
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new ManifestEntry(f.Key, Hex(SHA256.HashData(f.Value)), f.Value.LongLength))
            .ToList();
        return new ModelManifest(CurrentFormat, agentId, version, entries, Root(entries));
    }

    /// <summary>The root digest of <paramref name="entries"/> in their order.</summary>
    public static string Root(IReadOnlyList<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            hash.AppendData(Convert.FromHexString(entry.Sha256));
        }

        return Hex(hash.GetHashAndReset());
    }

    /// <summary>Lower-case hex.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The manifest file's bytes: UTF-8 JSON, written once and signed as they are.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(RegistryJson.Write(this));
}
