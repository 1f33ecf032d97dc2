using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Runtime.Tests.Agents;

/// <summary>
/// The scripted model under a version name of its own; when <see cref="HoldAt"/> is set, the call with that number
/// (1-based) signals <see cref="Reached"/> and waits for <see cref="Release"/>: a batch held in flight. <see cref="OnCall"/>
/// runs at every call, before the answer (a release landing while the model answers, say).
/// </summary>
internal sealed class HeldModel(string version) : IModelAdapter
{
    private readonly ScriptedModel _inner = new();
    private int _calls;

    public string Version => version;

    public int HoldAt { get; init; }

    public Action? OnCall { get; init; }

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        OnCall?.Invoke();
        if (Interlocked.Increment(ref _calls) == HoldAt)
        {
            Reached.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        return await _inner.PredictAsync(features, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
