using Rung.Edge.Protocol;
using Rung.Registry;
using Rung.Registry.Signing;

namespace Rung.Edge.Tests.Models;

/// <summary>
/// Signed versions written the way the registry signs them (artefacts, <c>model.json</c>, manifest, detached signature)
/// under a server-side folder, and a model source serving them to an edge's cache, optionally changing bytes on the way.
/// </summary>
internal sealed class SignedModelKit(string root, SigningKey key) : IEdgeModelSource
{
    public const string AgentId = "line3-quality";

    /// <summary>Answers every request with an error of its own.</summary>
    public const string FailingScript = """
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            print(json.dumps({"id": request["id"], "error": "weights not loaded"}), flush=True)
        """;

    private readonly Dictionary<string, string> _champions = new(StringComparer.Ordinal);

    /// <summary>Changes a file's bytes as they are served (path, bytes) → bytes; null serves them as they are.</summary>
    public Func<string, byte[], byte[]>? Tamper { get; set; }

    public int Downloads { get; private set; }

    public string FolderOf(string version) => Path.Combine(root, AgentId, version);

    /// <summary>Writes and signs a process-bundle version running <paramref name="script"/>, and makes it the champion.</summary>
    public async Task<string> PublishAsync(string version, string script)
    {
        var folder = FolderOf(version);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "model.py"), script);
        await File.WriteAllTextAsync(Path.Combine(folder, ModelConfiguration.FileName), RegistryJson.Write(new ModelConfiguration(ModelArtifactKind.ProcessBundle, "python3", ["model.py"], 10_000)));
        var files = await ManifestVerifier.ReadArtifactsAsync(folder);
        var manifest = ModelManifest.Create(AgentId, version, files).ToBytes();
        await File.WriteAllBytesAsync(Path.Combine(folder, ModelManifest.FileName), manifest);
        await File.WriteAllTextAsync(Path.Combine(folder, ModelManifest.SignatureFileName), RegistryJson.Write(key.Sign(manifest)));
        _champions[AgentId] = version;
        return folder;
    }

    public EdgeModelOffer Offer(string version)
    {
        var folder = FolderOf(version);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace('\\', '/'), Bytes: File.ReadAllBytes(f)))
            .Select(f => new EdgeModelFile(f.Path, ManifestHash.Of(f.Bytes), f.Bytes.LongLength))
            .ToList();
        return new EdgeModelOffer(AgentId, version, ManifestHash.Of(File.ReadAllBytes(Path.Combine(folder, ModelManifest.FileName))), files);
    }

    public Task<EdgeModelListing> GetModelsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new EdgeModelListing(key.KeyId, key.PublicKeyPem, [.. _champions.Values.Select(Offer)]));

    public async Task DownloadModelFileAsync(string agentId, string version, string path, Stream destination, CancellationToken cancellationToken = default)
    {
        Downloads++;
        var bytes = await File.ReadAllBytesAsync(Path.Combine(root, agentId, version, path), cancellationToken);
        bytes = Tamper?.Invoke(path, bytes) ?? bytes;
        await destination.WriteAsync(bytes, cancellationToken);
    }
}
