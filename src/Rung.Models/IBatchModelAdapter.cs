using Rung.Core.Cases;

namespace Rung.Models;

/// <summary>
/// A model that answers several cases in one call (a remote server's batch dimension). Answers come back in the
/// order of the cases. Thread-safe like <see cref="IModelAdapter"/>.
/// </summary>
public interface IBatchModelAdapter : IModelAdapter
{
    /// <summary>
    /// Asks the model for its answers on several cases. Throws <see cref="ModelCallException"/> when the call fails;
    /// the caller then applies the safe default to every case of the batch.
    /// </summary>
    ValueTask<IReadOnlyList<ModelOutput>> PredictBatchAsync(IReadOnlyList<FeatureVector> features, CancellationToken cancellationToken = default);
}
