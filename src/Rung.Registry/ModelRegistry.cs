using Rung.Registry.Signing;
using Rung.Storage;
using Rung.Storage.Registry;

namespace Rung.Registry;

/// <summary>
/// The model registry: versions with artefacts copied into DIR/models/&lt;agent&gt;/&lt;version&gt;/, lineage,
/// signing and verification, aliases, releases and rollbacks. Every change is stored with an event in the
/// registry's append-only log. Safe to use from several threads; the store serialises writes.
/// </summary>
/// <param name="store">Where versions, aliases, evidence and events are kept.</param>
/// <param name="dataDirectory">The data folder (DIR): artefacts go to DIR/models.</param>
/// <param name="key">The signing key (and the key versions are verified with).</param>
/// <param name="time">Stamps every record.</param>
/// <param name="policy">Release rules; null means <see cref="ReleasePolicy.Regulated"/>.</param>
public sealed partial class ModelRegistry(IModelRegistryStore store, string dataDirectory, SigningKey key, TimeProvider time, ReleasePolicy? policy = null)
{
    private readonly ReleasePolicy _policy = policy ?? ReleasePolicy.Regulated;

    /// <summary>The release rules in force.</summary>
    public ReleasePolicy Policy => _policy;

    /// <summary>The signing key.</summary>
    public SigningKey Key => key;

    /// <summary>The store.</summary>
    public IModelRegistryStore Store => store;

    /// <summary>The folder of a version.</summary>
    public string FolderOf(string agentId, string version) => Path.Combine(dataDirectory, "models", agentId, version);

    /// <summary>
    /// Registers a version: copies the artefacts and writes its <c>model.json</c> into a staging folder, then stores
    /// the version (which gives it its id) and moves the folder into place. The version is unsigned until <see cref="SignAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An artefact path does not exist, the agent id is not a plain name, or the in-process entry is not among the artefacts; the message names it.</exception>
    public async Task<RegisteredModel> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        RequirePlainName(registration.AgentId, "agent id");
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.RegisteredBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Configuration.Entry);
        var agentFolder = Path.Combine(dataDirectory, "models", registration.AgentId);
        var staging = Path.Combine(agentFolder, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var source in registration.Artifacts)
            {
                CopyArtifact(source, staging);
            }

            await File.WriteAllTextAsync(Path.Combine(staging, ModelConfiguration.FileName), RegistryJson.Write(registration.Configuration), cancellationToken).ConfigureAwait(false);
            if (registration.Configuration.Kind == ModelArtifactKind.InProcessFile && !File.Exists(Path.Combine(staging, registration.Configuration.Entry)))
            {
                throw new ArgumentException($"The in-process model file '{registration.Configuration.Entry}' is not among the artefacts given.", nameof(registration));
            }

            if (registration.ParentVersion is { } parent && await store.GetModelVersionAsync(registration.AgentId, parent, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new ArgumentException($"The parent version '{parent}' of agent '{registration.AgentId}' is not registered.", nameof(registration));
            }

            var record = await store.AddModelVersionAsync(
                new ModelVersionDraft(registration.AgentId, registration.Configuration.Kind.ToString(), RegistryJson.Write(registration.Lineage), registration.ParentVersion, registration.RegisteredBy, time.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
            var folder = FolderOf(registration.AgentId, record.Version);
            if (Directory.Exists(folder))
            {
                // A folder left by a database restored from an older backup: never mix two versions' files.
                Directory.Move(folder, folder + ".orphan-" + Guid.NewGuid().ToString("N"));
            }

            Directory.Move(staging, folder);
            return new RegisteredModel(record, registration.Configuration, registration.Lineage, folder);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Signs a version: writes its manifest (digests of every file now in its folder) and detached signature.</summary>
    /// <exception cref="KeyNotFoundException">The version is unknown.</exception>
    /// <exception cref="InvalidOperationException">The version is already signed (a signed version never changes).</exception>
    public async Task<VerificationResult> SignAsync(string agentId, string version, string actor, CancellationToken cancellationToken = default)
    {
        var record = await RequireAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        if (record.ManifestSha256 is not null)
        {
            throw new InvalidOperationException($"{agentId}/{version} is already signed (manifest {record.ManifestSha256}); a signed version never changes, register a new one.");
        }

        var folder = FolderOf(agentId, version);
        var files = await ManifestVerifier.ReadArtifactsAsync(folder, cancellationToken).ConfigureAwait(false);
        var manifestBytes = ModelManifest.Create(agentId, version, files).ToBytes();
        await File.WriteAllBytesAsync(Path.Combine(folder, ModelManifest.FileName), manifestBytes, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, ModelManifest.SignatureFileName), RegistryJson.Write(key.Sign(manifestBytes)), cancellationToken).ConfigureAwait(false);
        var sha = ManifestHash.Of(manifestBytes);
        await store.MarkModelSignedAsync(agentId, version, sha, new ModelEvent(agentId, version, "signed", actor, time.GetUtcNow(), RegistryJson.Write(new { manifest_sha256 = sha, key_id = key.KeyId, files = files.Count })), cancellationToken).ConfigureAwait(false);
        return new VerificationResult(agentId, version, [], sha);
    }

    /// <summary>Verifies a version's folder and that its manifest is the one recorded at signing.</summary>
    public async Task<VerifiedSnapshot> VerifyAsync(string agentId, string version, CancellationToken cancellationToken = default)
    {
        var record = await RequireAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        var snapshot = await ManifestVerifier.VerifyAsync(FolderOf(agentId, version), agentId, version, key, cancellationToken).ConfigureAwait(false);
        if (snapshot.Verification.Passed && record.ManifestSha256 != snapshot.Verification.ManifestSha256)
        {
            var problem = record.ManifestSha256 is null
                ? $"{ModelManifest.FileName}: the registry has no signing record for this version"
                : $"{ModelManifest.FileName}: SHA-256 {snapshot.Verification.ManifestSha256} differs from the one recorded at signing ({record.ManifestSha256})";
            return new VerifiedSnapshot(snapshot.Verification with { Problems = [problem] }, new Dictionary<string, byte[]>());
        }

        return snapshot;
    }

    /// <summary>A version with its configuration and lineage, or null.</summary>
    public async Task<RegisteredModel?> GetAsync(string agentId, string version, CancellationToken cancellationToken = default)
    {
        var record = await store.GetModelVersionAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        return record is null ? null : await DescribeAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version an alias points to, or null.</summary>
    public async Task<string?> GetAliasAsync(string agentId, string alias, CancellationToken cancellationToken = default)
    {
        var aliases = await store.GetModelAliasesAsync(agentId, cancellationToken).ConfigureAwait(false);
        return aliases.FirstOrDefault(a => a.Alias == alias)?.Version;
    }

    /// <summary>Makes a signed version the agent's challenger.</summary>
    public async Task SetChallengerAsync(string agentId, string version, string actor, CancellationToken cancellationToken = default)
    {
        var record = await RequireAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        if (record.ManifestSha256 is null)
        {
            throw new InvalidOperationException($"{agentId}/{version} is not signed; only a signed version can be a challenger.");
        }

        await store.SetModelAliasAsync(agentId, ModelAliases.Challenger, version, new ModelEvent(agentId, version, "alias.challenger", actor, time.GetUtcNow(), "{}"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version's ancestry: itself, its parent, the parent's parent, ...</summary>
    public async Task<IReadOnlyList<RegisteredModel>> LineageAsync(string agentId, string version, CancellationToken cancellationToken = default)
    {
        var chain = new List<RegisteredModel>();
        string? next = version;
        while (next is not null && chain.Count < 1000)
        {
            var model = await GetAsync(agentId, next, cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                break;
            }

            chain.Add(model);
            next = model.Record.ParentVersion;
        }

        return chain;
    }

    /// <summary>The stored version; throws <see cref="KeyNotFoundException"/> naming it when unknown.</summary>
    public async Task<ModelVersionRecord> RequireAsync(string agentId, string version, CancellationToken cancellationToken = default) =>
        await store.GetModelVersionAsync(agentId, version, cancellationToken).ConfigureAwait(false)
        ?? throw new KeyNotFoundException($"Model version '{version}' of agent '{agentId}' is not registered. `rung model list` shows the versions.");

    private async Task<RegisteredModel> DescribeAsync(ModelVersionRecord record, CancellationToken cancellationToken)
    {
        var folder = FolderOf(record.AgentId, record.Version);
        var configPath = Path.Combine(folder, ModelConfiguration.FileName);
        var configuration = File.Exists(configPath)
            ? RegistryJson.Read<ModelConfiguration>(await File.ReadAllTextAsync(configPath, cancellationToken).ConfigureAwait(false), configPath)
            : new ModelConfiguration(ModelArtifactKind.InProcessFile, "(missing model.json)", []);
        return new RegisteredModel(record, configuration, RegistryJson.Read<ModelLineage>(record.LineageJson, "lineage"), folder);
    }

    private static void CopyArtifact(string source, string staging)
    {
        if (File.Exists(source))
        {
            File.Copy(source, Path.Combine(staging, Path.GetFileName(source)), overwrite: false);
            return;
        }

        if (!Directory.Exists(source))
        {
            throw new ArgumentException($"The artefact '{source}' does not exist.", nameof(source));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(staging, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: false);
        }
    }

    private static void RequirePlainName(string value, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.IndexOfAny(['/', '\\', ':']) >= 0 || value.StartsWith('.'))
        {
            throw new ArgumentException($"The {what} '{value}' must be a plain name (no slashes, no leading dot): it names a folder.", nameof(value));
        }
    }
}
