using Rung.Core.Cases;
using Rung.Models;
using Rung.Runtime.Models;

namespace Rung.Runtime.Tests.Agents;

/// <summary>A model that switches versions underneath its callers, as <see cref="VerifiedModelHost"/> does on a release.</summary>
internal sealed class SwitchingModel(IModelAdapter first) : IModelAdapter, ISwitchingModel
{
    private IModelAdapter _current = first;

    public IModelAdapter Current => Volatile.Read(ref _current);

    public string Version => Current.Version;

    public void SwitchTo(IModelAdapter next) => Volatile.Write(ref _current, next);

    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
        Current.PredictAsync(features, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
