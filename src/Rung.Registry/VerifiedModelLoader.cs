using Rung.Models;
using Rung.Models.JsonLines;
using Rung.Models.Softmax;
using Rung.Registry.Signing;

namespace Rung.Registry;

/// <summary>
/// Opens a registered version only after it verifies. An in-process model is built from the very bytes that were
/// verified; a process bundle is started in its verified folder. The adapter reports the registry version id.
/// </summary>
public static class VerifiedModelLoader
{
    /// <summary>Verifies and opens <paramref name="version"/>.</summary>
    /// <exception cref="ModelIntegrityException">The version is unsigned or fails verification; the problems name each file.</exception>
    /// <exception cref="NotSupportedException">The version is a remote endpoint, which this build cannot call.</exception>
    public static async Task<IModelAdapter> LoadAsync(ModelRegistry registry, string agentId, string version, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var snapshot = await registry.VerifyAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        if (!snapshot.Verification.Passed)
        {
            throw new ModelIntegrityException(snapshot.Verification);
        }

        return Open(snapshot, registry.FolderOf(agentId, version), time);
    }

    /// <summary>
    /// Opens a snapshot that passed verification (from the registry, or from a verified copy such as an edge's cache).
    /// An in-process model is built from the snapshot's bytes; a process bundle is started in <paramref name="folder"/>.
    /// </summary>
    /// <exception cref="ModelIntegrityException">The snapshot did not pass verification.</exception>
    /// <exception cref="InvalidDataException">The configuration names a model file that is not among the signed artefacts.</exception>
    /// <exception cref="NotSupportedException">The version is a remote endpoint, which this build cannot call.</exception>
    public static IModelAdapter Open(VerifiedSnapshot snapshot, string folder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Verification.Passed)
        {
            throw new ModelIntegrityException(snapshot.Verification);
        }

        var (agentId, version) = (snapshot.Verification.AgentId, snapshot.Verification.Version);
        var configuration = RegistryJson.Read<ModelConfiguration>(System.Text.Encoding.UTF8.GetString(snapshot.Files[ModelConfiguration.FileName]), ModelConfiguration.FileName);
        var timeout = configuration.TimeoutMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(2);
        switch (configuration.Kind)
        {
            case ModelArtifactKind.InProcessFile:
                if (!snapshot.Files.TryGetValue(configuration.Entry, out var bytes))
                {
                    throw new InvalidDataException($"{agentId}/{version}: the model file '{configuration.Entry}' named by {ModelConfiguration.FileName} is not among the signed artefacts.");
                }

                using (var stream = new MemoryStream(bytes, writable: false))
                {
                    return new InProcessModelAdapter(SoftmaxRegressionModel.Load(stream), version);
                }

            case ModelArtifactKind.ProcessBundle:
                return new ProcessModelAdapter(
                    new ProcessModelOptions(configuration.Entry, version)
                    {
                        Arguments = configuration.Arguments,
                        WorkingDirectory = folder,
                        Timeout = timeout,
                    },
                    time);
            default:
                throw new NotSupportedException($"{agentId}/{version} is a remote endpoint ({configuration.Entry}); this build has no adapter to call it, so it can be registered, signed and compared but not loaded.");
        }
    }
}
