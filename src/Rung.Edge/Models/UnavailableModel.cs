using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Edge.Models;

/// <summary>A model that answers every case as unavailable, so the use case's safe default decides: for an agent whose signed model cannot be verified.</summary>
/// <param name="reason">Why, recorded with each case.</param>
/// <param name="version">The version recorded with each proposal.</param>
public sealed class UnavailableModel(string reason, string version) : IModelAdapter
{
    /// <inheritdoc />
    public string Version => version;

    /// <inheritdoc />
    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
        throw new ModelCallException(ModelFailure.Unavailable, reason);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
