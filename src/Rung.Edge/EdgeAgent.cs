using Rung.Core.Ladder;
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
    private readonly Func<IModelAdapter, EdgeModelGuard> _guard;
    private EdgeModelGuard _model;
    private int _serverStage = -1;

    private EdgeAgent(AgentRuntime runtime, EdgeModelGuard model, EdgeActionGate actions, Func<IModelAdapter, EdgeModelGuard> guard)
    {
        Runtime = runtime;
        _model = model;
        Actions = actions;
        _guard = guard;
    }

    /// <summary>The decision pipeline.</summary>
    public AgentRuntime Runtime { get; }

    /// <summary>The guarded model now deciding; replaced by <see cref="UseModelAsync"/>.</summary>
    public EdgeModelGuard Model => Volatile.Read(ref _model);

    /// <summary>The guarded connector.</summary>
    public EdgeActionGate Actions { get; }

    /// <summary>
    /// The stage the server holds for the agent, as the edge last learned it while running (and journalled), or null
    /// before the edge has heard from the server (or when nothing follows it). The runtime adopts it
    /// between batches (<see cref="AgentRuntime.RefreshStageAsync"/>); until then, when the server no longer lets the
    /// agent commit on its own, the model is not asked and each case gets the safe default, so a batch that was
    /// waiting (a full buffer, say) commits nothing on the withdrawn stage.
    /// </summary>
    public Stage? ServerStage
    {
        get
        {
            var stage = Volatile.Read(ref _serverStage);
            return stage < 0 ? null : (Stage)stage;
        }
        set => Volatile.Write(ref _serverStage, value is { } stage ? (int)stage : -1);
    }

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

    /// <summary>
    /// Decides the next batches with <paramref name="model"/>, behind the same stop switch, watchdog and backpressure,
    /// through the runtime's model switch: the batch in flight finishes on the old model, which is then disposed. The
    /// agent owns <paramref name="model"/> from here on.
    /// </summary>
    public async Task UseModelAsync(IModelAdapter model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var guard = _guard(model);
        await Runtime.UseModelAsync(guard, cancellationToken).ConfigureAwait(false);
        var old = Interlocked.Exchange(ref _model, guard);
        await old.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the agent on <paramref name="journal"/>; undelivered actions from before a crash go through the validity window first.</summary>
    public static async Task<EdgeAgent> StartAsync<TStore>(UseCaseDefinition useCase, TStore journal, IModelAdapter model, IActionConnector connector, StopSwitch stops, EdgeForwarder? forwarder, EdgeOptions options, TimeProvider time, Func<bool>? connectorReady = null, CancellationToken cancellationToken = default)
        where TStore : IRungStore, IEdgeStore
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(options);
        var agent = useCase.Agent;
        EdgeAgent? self = null;
        EdgeModelGuard Guard(IModelAdapter inner) => new(inner, () => stops.StoppedBy(agent.Id, agent.Scope), options.ModelBudget, time, forwarder is null ? null : forwarder.WaitForRoomAsync, () => self?.HeldReason());
        var guard = Guard(model);
        var gate = new EdgeActionGate(connector, journal, time, options.ActionValidity, a => stops.StoppedBy(a.AgentId, agent.Scope), connectorReady);
        var runtime = await AgentRuntime.StartAsync(useCase, journal, guard, gate, time, cancellationToken).ConfigureAwait(false);
        self = new EdgeAgent(runtime, guard, gate, Guard);
        return self;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Model.DisposeAsync().ConfigureAwait(false);
        await Actions.DisposeAsync().ConfigureAwait(false);
        Turn.Dispose();
    }

    // Only the safety direction holds the model back: a promotion waits for the next batch like any change.
    private string? HeldReason()
    {
        return ServerStage is { } server && TrustLadder.CommitsAutomatically(Runtime.Stage) && !TrustLadder.CommitsAutomatically(server)
            ? $"the server moved the agent to {server}; not decided on {Runtime.Stage} while the edge adopts it"
            : null;
    }
}
