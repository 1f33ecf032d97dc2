using System.Security.Cryptography;
using System.Text.Json;
using Rung.Edge.Protocol;
using Rung.Registry.Signing;

namespace Rung.Edge.Models;

/// <summary>
/// Signed model versions kept in an edge's data folder as <c>models/&lt;agent&gt;/&lt;version&gt;/</c> (the registry's own
/// layout: artefacts, <c>manifest.json</c>, <c>manifest.sig</c>), with <c>models/&lt;agent&gt;/state.json</c> naming the
/// champion and the versions fetched. A version is downloaded into a staging folder, verified with the pinned key and
/// only then moved into place; a cached copy that no longer verifies is set aside, never overwritten or loaded.
/// Not safe for two processes on one data folder (one edge per folder).
/// </summary>
/// <param name="dataFolder">The edge's data folder.</param>
public sealed class EdgeModelCache(string dataFolder)
{
    /// <summary>The state file's name inside an agent's folder.</summary>
    public const string StateFile = "state.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The folder of an agent's cached versions.</summary>
    public string AgentFolder(string agentId) => Path.Combine(dataFolder, "models", PlainName(agentId, "agent id"));

    /// <summary>The folder of one cached version.</summary>
    public string FolderOf(string agentId, string version) => Path.Combine(AgentFolder(agentId), PlainName(version, "version"));

    /// <summary>The agent's remembered champion and versions; empty when nothing was ever fetched.</summary>
    /// <exception cref="InvalidDataException">The state file is not readable; the message names it.</exception>
    public async Task<EdgeModelState> LoadStateAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(AgentFolder(agentId), StateFile);
        if (!File.Exists(path))
        {
            return new EdgeModelState(null, []);
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<EdgeModelState>(stream, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not an edge model state ({ex.Message})", ex);
        }
    }

    /// <summary>Verifies a cached version with <paramref name="key"/>: signature, then every file's digest.</summary>
    public Task<VerifiedSnapshot> VerifyAsync(string agentId, string version, SigningKey key, CancellationToken cancellationToken = default) =>
        ManifestVerifier.VerifyAsync(FolderOf(agentId, version), agentId, version, key, cancellationToken);

    /// <summary>
    /// Makes <paramref name="offer"/> cached and verified: kept when the cached copy verifies, otherwise downloaded file
    /// by file (each checked against the offered SHA-256), verified with <paramref name="key"/> and moved into place.
    /// The champion is remembered only when the version verified.
    /// </summary>
    /// <exception cref="EdgeServerException">The server refused a file or went away; nothing of the version is cached.</exception>
    public async Task<EdgeModelFetch> FetchAsync(IEdgeModelSource source, EdgeModelOffer offer, SigningKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(offer);
        var folder = FolderOf(offer.AgentId, offer.Version);
        IReadOnlyList<string> cacheProblems = [];
        if (Directory.Exists(folder))
        {
            var cached = await VerifyAsync(offer.AgentId, offer.Version, key, cancellationToken).ConfigureAwait(false);
            if (cached.Verification.Passed)
            {
                await RememberAsync(offer.AgentId, offer.Version, cancellationToken).ConfigureAwait(false);
                return new EdgeModelFetch(offer.AgentId, offer.Version, false, [], []);
            }

            cacheProblems = cached.Verification.Problems;
            SetAside(folder);
        }

        var staging = Path.Combine(AgentFolder(offer.AgentId), ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var problems = new List<string>();
            foreach (var file in offer.Files)
            {
                var target = Path.Combine(staging, SafeRelative(file.Path));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
                {
                    await source.DownloadModelFileAsync(offer.AgentId, offer.Version, file.Path, stream, cancellationToken).ConfigureAwait(false);
                }

                var sha = await HashAsync(target, cancellationToken).ConfigureAwait(false);
                if (sha != file.Sha256)
                {
                    problems.Add($"{file.Path}: downloaded SHA-256 {sha} differs from the offered {file.Sha256}");
                }
            }

            var verified = await ManifestVerifier.VerifyAsync(staging, offer.AgentId, offer.Version, key, cancellationToken).ConfigureAwait(false);
            problems.AddRange(verified.Verification.Problems);
            if (problems.Count > 0)
            {
                return new EdgeModelFetch(offer.AgentId, offer.Version, true, cacheProblems, problems);
            }

            Directory.Move(staging, folder);
            await RememberAsync(offer.AgentId, offer.Version, cancellationToken).ConfigureAwait(false);
            return new EdgeModelFetch(offer.AgentId, offer.Version, true, cacheProblems, []);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Moves a cached version that failed verification out of the way, kept for inspection.</summary>
    public static void SetAside(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Move(folder, Path.Combine(Path.GetDirectoryName(folder)!, $".refused-{Path.GetFileName(folder)}-{Guid.NewGuid():N}"));
        }
    }

    private async Task RememberAsync(string agentId, string version, CancellationToken cancellationToken)
    {
        var state = await LoadStateAsync(agentId, cancellationToken).ConfigureAwait(false);
        var next = new EdgeModelState(version, [.. state.Versions.Where(v => v != version), version]);
        var path = Path.Combine(AgentFolder(agentId), StateFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(stream, next, Json, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    // A path from the server names a file inside the version folder, never outside it.
    private static string SafeRelative(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || path.Contains('\\', StringComparison.Ordinal)
            || path.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new InvalidDataException($"The server offered the model file '{path}', which is not a plain relative path.");
        }

        return path;
    }

    private static string PlainName(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(['/', '\\', ':']) >= 0 || value.StartsWith('.'))
        {
            throw new InvalidDataException($"The {what} '{value}' is not a plain name: it names a folder of the model cache.");
        }

        return value;
    }
}
