namespace Rung.Registry.Signing;

/// <summary>
/// Verifies a version folder against its signed manifest: the signature over the manifest, then every file's
/// digest, failing on a missing, an extra or a changed file and naming each. Stateless and thread-safe.
/// </summary>
public static class ManifestVerifier
{
    /// <summary>The artefact files of a folder (manifest and signature excluded), by forward-slash relative path.</summary>
    /// <exception cref="InvalidDataException">The folder holds a symbolic link; links are refused so a file cannot point outside the folder.</exception>
    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadArtifactsAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (info.LinkTarget is not null)
            {
                throw new InvalidDataException($"{relative}: symbolic links are not allowed among model artefacts.");
            }

            if (Directory.Exists(path) || relative is ModelManifest.FileName or ModelManifest.SignatureFileName)
            {
                continue;
            }

            files[relative] = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }

        return files;
    }

    /// <summary>Reads and verifies the folder of <paramref name="agentId"/>'s <paramref name="version"/> with <paramref name="key"/>.</summary>
    public static async Task<VerifiedSnapshot> VerifyAsync(string folder, string agentId, string version, SigningKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problems = new List<string>();
        if (!Directory.Exists(folder))
        {
            return Failed([$"{folder}: the version folder is missing"], null);
        }

        var manifestPath = Path.Combine(folder, ModelManifest.FileName);
        var signaturePath = Path.Combine(folder, ModelManifest.SignatureFileName);
        if (!File.Exists(manifestPath) || !File.Exists(signaturePath))
        {
            return Failed([$"{ModelManifest.FileName}/{ModelManifest.SignatureFileName}: the version is not signed"], null);
        }

        var manifestBytes = await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        var manifestSha = ManifestHash.Of(manifestBytes);
        SignedManifest signature;
        ModelManifest manifest;
        try
        {
            signature = RegistryJson.Read<SignedManifest>(await File.ReadAllTextAsync(signaturePath, cancellationToken).ConfigureAwait(false), ModelManifest.SignatureFileName);
            manifest = RegistryJson.Read<ModelManifest>(System.Text.Encoding.UTF8.GetString(manifestBytes), ModelManifest.FileName);
        }
        catch (InvalidDataException ex)
        {
            return Failed([ex.Message], manifestSha);
        }

        if (!key.Verify(manifestBytes, signature))
        {
            return Failed([$"{ModelManifest.SignatureFileName}: the signature does not verify with key {key.KeyId} (manifest changed, or signed by another key)"], manifestSha);
        }

        if (manifest.Format != ModelManifest.CurrentFormat || manifest.AgentId != agentId || manifest.Version != version)
        {
            return Failed([$"{ModelManifest.FileName}: signed for {manifest.AgentId}/{manifest.Version} ({manifest.Format}), not {agentId}/{version}"], manifestSha);
        }

        if (ModelManifest.Root(manifest.Files) != manifest.RootSha256)
        {
            problems.Add($"{ModelManifest.FileName}: the root digest does not match its file list");
        }

        IReadOnlyDictionary<string, byte[]> files;
        try
        {
            files = await ReadArtifactsAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            return Failed([ex.Message], manifestSha);
        }

        var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            if (!files.TryGetValue(entry.Path, out var bytes))
            {
                problems.Add($"{entry.Path}: missing (listed in the signed manifest)");
            }
            else if (ManifestHash.Of(bytes) != entry.Sha256 || bytes.LongLength != entry.Size)
            {
                problems.Add($"{entry.Path}: changed (SHA-256 {ManifestHash.Of(bytes)}, signed {entry.Sha256})");
            }
        }

        foreach (var path in files.Keys.Where(p => !expected.ContainsKey(p)))
        {
            problems.Add($"{path}: extra file (not in the signed manifest)");
        }

        var result = new VerificationResult(agentId, version, problems, manifestSha);
        return new VerifiedSnapshot(result, problems.Count == 0 ? files : new Dictionary<string, byte[]>());

        VerifiedSnapshot Failed(IReadOnlyList<string> found, string? sha) => new(new VerificationResult(agentId, version, found, sha), new Dictionary<string, byte[]>());
    }
}
