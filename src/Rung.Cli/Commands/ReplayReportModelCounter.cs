using System.Collections.Concurrent;
using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Cli.Commands;

/// <summary>
/// Wraps the replay's model to count the calls that gave no answer, by kind, for the report; the failure still
/// reaches the agent, which applies the safe default. Thread-safe.
/// </summary>
internal sealed class ReplayReportModelCounter(IModelAdapter inner) : IModelAdapter
{
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);

    public string Version => inner.Version;

    /// <summary>Failed calls by <see cref="ModelFailure"/> name.</summary>
    public IReadOnlyDictionary<string, long> Failures => new SortedDictionary<string, long>(_failures, StringComparer.Ordinal);

    public async ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.PredictAsync(features, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException ex)
        {
            _failures.AddOrUpdate(ex.Failure.ToString(), 1, (_, n) => n + 1);
            throw;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
