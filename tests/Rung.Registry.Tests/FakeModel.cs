using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Registry.Tests;

/// <summary>A model that answers with <paramref name="answer"/>, optionally taking time on a stepping clock.</summary>
internal sealed class FakeModel(string version, Func<FeatureVector, ModelOutput> answer, SteppingClock? clock = null, TimeSpan? delay = null) : IModelAdapter
{
    public string Version => version;

    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        if (clock is not null && delay is { } d)
        {
            clock.Advance(d);
        }

        return ValueTask.FromResult(answer(features));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
