using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Models;

namespace Rung.Edge.Tests.Hosting;

/// <summary>Scraps every part with confidence 0.99 once <see cref="Open"/> is called: holds a batch in flight.</summary>
internal sealed class GatedModel : IModelAdapter
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Version => "gated-1";

    /// <summary>Completes when the model was first asked.</summary>
    public Task Asked => _asked.Task;

    public void Open() => _open.TrySetResult();

    public async ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        _asked.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return new ModelOutput(new ProposedAction("scrap", null), 0.99, [], false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
