using Rung.Core.Cases;

namespace Rung.Models;

/// <summary>
/// A model wrapped as it is. Implementations are safe to call from several threads; calls may be
/// serialised internally when the model itself is single-threaded (a child process, for instance).
/// </summary>
public interface IModelAdapter : IAsyncDisposable
{
    /// <summary>The model version recorded with every proposal.</summary>
    string Version { get; }

    /// <summary>
    /// Asks the model for its answer on one case. Throws <see cref="ModelCallException"/> when the model fails,
    /// answers something unreadable, or does not answer within its timeout; the caller then applies the use
    /// case's safe default. Latency is measured by the caller.
    /// </summary>
    ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default);
}
