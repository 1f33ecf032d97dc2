using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Models;

namespace Rung.Bench.Mqtt;

/// <summary>An in-process model that answers at once, so the end-to-end figures measure Rung and the broker, not a model.</summary>
internal sealed class BenchModel : IModelAdapter
{
    public string Version => "bench-1";

    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new ModelOutput(new ProposedAction("accept"), 0.99, [new FeatureContribution("temp", 1)]));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
