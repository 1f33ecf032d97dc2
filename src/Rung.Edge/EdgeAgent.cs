using Rung.Core.UseCases;
using Rung.Edge.Forwarding;
using Rung.Edge.Safety;
using Rung.Models;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Edge;

/// <summary>
/// One agent on an edge: the same <see cref="AgentRuntime"/> the server runs, over the edge's local journal, with its
/// model behind the stop switch and the watchdog and its connector behind the action validity window.
/// </summary>
public sealed class EdgeAgent : IAsyncDisposable
{
    private EdgeAgent(AgentRuntime runtime, EdgeModelGuard model, EdgeActionGate actions)
    {
        Runtime = runtime;
        Model = model;
        Actions = actions;
    }

    /// <summary>The decision pipeline.</summary>
    public AgentRuntime Runtime { get; }

    /// <summary>The guarded model.</summary>
    public EdgeModelGuard Model { get; }

    /// <summary>The guarded connector.</summary>
    public EdgeActionGate Actions { get; }

    /// <summary>
    /// Held by whoever calls <see cref="Runtime"/>: the runtime is single-threaded, and an edge calls it from its case
    /// source and from the verdicts the server sends down. Pass it to the case source, or call through <see cref="RunAsync{T}"/>.
    /// </summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>Runs <paramref name="work"/> on the runtime while holding <see cref="Turn"/>.</summary>
    public async Task<T> RunAsync<T>(Func<AgentRuntime, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(Runtime).ConfigureAwait(false);
        }
        finally
        {
            Turn.Release();
        }
    }

    /// <summary>Decides a batch on the runtime, in turn with other callers.</summary>
    public Task<IReadOnlyList<(DecisionRecord Record, AppendResult Result)>> DecideAsync(IReadOnlyList<CaseInput> cases, CancellationToken cancellationToken = default) =>
        RunAsync(r => r.DecideAsync(cases, cancellationToken), cancellationToken);

    /// <summary>Starts the agent on <paramref name="journal"/>; undelivered actions from before a crash go through the validity window first.</summary>
    public static async Task<EdgeAgent> StartAsync<TStore>(UseCaseDefinition useCase, TStore journal, IModelAdapter model, IActionConnector connector, StopSwitch stops, EdgeForwarder? forwarder, EdgeOptions options, TimeProvider time, Func<bool>? connectorReady = null, CancellationToken cancellationToken = default)
        where TStore : IRungStore, IEdgeStore
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(options);
        var agent = useCase.Agent;
        var guard = new EdgeModelGuard(model, () => stops.StoppedBy(agent.Id, agent.Scope), options.ModelBudget, time, forwarder is null ? null : forwarder.WaitForRoomAsync);
        var gate = new EdgeActionGate(connector, journal, time, options.ActionValidity, a => stops.StoppedBy(a.AgentId, agent.Scope), connectorReady);
        var runtime = await AgentRuntime.StartAsync(useCase, journal, guard, gate, time, cancellationToken).ConfigureAwait(false);
        return new EdgeAgent(runtime, guard, gate);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Model.DisposeAsync().ConfigureAwait(false);
        await Actions.DisposeAsync().ConfigureAwait(false);
        Turn.Dispose();
    }
}
