using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Runtime.Tests.Challengers;

/// <summary>A challenger whose every call runs <paramref name="answer"/>: it may answer, throw or never return.</summary>
internal sealed class FakeChallenger(string version, Func<FeatureVector, CancellationToken, Task<ModelOutput>> answer) : IModelAdapter
{
    private int _calls;

    public string Version => version;

    public int Calls => Volatile.Read(ref _calls);

    public bool Disposed { get; private set; }

    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return new ValueTask<ModelOutput>(answer(features, cancellationToken));
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
