using Rung.Edge.Protocol;
using Rung.Models;
using Rung.Storage;

namespace Rung.Edge.Hosting;

/// <summary>
/// Lets a running edge follow the server: every poll asks for the zone's configuration and the signed champions. A
/// stage the server changed (a signed promotion, a gate's demotion, a pause) is written to the configuration cache and
/// to the journal at once (<see cref="EdgeStageMirror"/>), then adopted by the agent's runtime between batches; a new
/// champion (a release, a rollback) is fetched and verified exactly as at start (<see cref="EdgeSignedModels"/>) and
/// switched in through the runtime's model switch between batches. A champion that fails verification is refused with
/// an alarm and the current model keeps deciding. With the server away nothing changes.
/// </summary>
/// <remarks>
/// A demotion is the safety direction and never waits behind a full buffer: the poll does not touch the runtime, only
/// the cache and the journal, and <see cref="EdgeAgent.ServerStage"/> holds the model back (safe default, nothing
/// committed) until the runtime has adopted the new stage. The runtime adopts it as soon as the batch in flight ends.
/// Not thread-safe: one loop polls (<see cref="RunAsync"/>).
/// </remarks>
public sealed class EdgeLiveFeed
{
    private readonly IEdgeServer _server;
    private readonly IEdgeModelSource? _models;
    private readonly EdgeSignedModels? _signed;
    private readonly IRungStore _journal;
    private readonly string _dataFolder;
    private readonly IReadOnlyList<EdgeAgent> _agents;
    private readonly string _edgeId;
    private readonly TimeProvider _time;
    private readonly Action<string> _report;
    private readonly Dictionary<EdgeAgent, Task> _stageWork = [];
    private readonly Dictionary<EdgeAgent, Task> _modelWork = [];
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
    private IReadOnlyList<EdgeAgentConfig>? _lastConfig;

    /// <summary>Follows <paramref name="server"/> for <paramref name="agents"/>.</summary>
    /// <param name="server">The server's configuration and stop routes.</param>
    /// <param name="models">Where signed champions are listed and fetched; null follows stages only.</param>
    /// <param name="signed">The edge's signed models; null follows stages only.</param>
    /// <param name="journal">The edge's journal, where a stage learned from the server is recorded.</param>
    /// <param name="dataFolder">The edge's data folder, holding the configuration cache.</param>
    /// <param name="agents">The agents this edge runs.</param>
    /// <param name="edgeId">The edge's name, recorded with each stage change.</param>
    /// <param name="time">The clock.</param>
    /// <param name="report">Hears one line per change, for the console.</param>
    public EdgeLiveFeed(IEdgeServer server, IEdgeModelSource? models, EdgeSignedModels? signed, IRungStore journal, string dataFolder, IReadOnlyList<EdgeAgent> agents, string edgeId, TimeProvider time, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(report);
        _server = server;
        _models = models;
        _signed = signed;
        _journal = journal;
        _dataFolder = dataFolder;
        _agents = agents;
        _edgeId = edgeId;
        _time = time;
        _report = report;
    }

    /// <summary>The last error talking to the server, or null after a successful poll.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Asks the server once and records what changed; the runtimes adopt it between batches (<see cref="WhenAppliedAsync"/>).
    /// Returns false when the server was away or refused (nothing changed). <paramref name="cancellationToken"/> also
    /// abandons a change still waiting for its runtime.
    /// </summary>
    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await FollowStagesAsync(cancellationToken).ConfigureAwait(false);
            if (_signed is not null && _models is not null)
            {
                await FollowModelsAsync(cancellationToken).ConfigureAwait(false);
            }

            LastError = null;
            return true;
        }
        catch (EdgeServerException ex)
        {
            LastError = ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
        {
            // A damaged cache file or a stage change racing the runtime's own: reported, tried again at the next poll.
            LastError = ex.Message;
            _report($"live: not applied ({ex.Message}); tried again at the next poll");
            return false;
        }
    }

    /// <summary>Polls every <paramref name="interval"/> until cancelled; then waits for the changes it abandoned to end.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await WhenAppliedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Completes once every change recorded so far is in force in the runtimes (or abandoned by cancellation).</summary>
    public Task WhenAppliedAsync() => Task.WhenAll([.. _stageWork.Values, .. _modelWork.Values]);

    private async Task FollowStagesAsync(CancellationToken cancellationToken)
    {
        var configs = await _server.GetConfigAsync(cancellationToken).ConfigureAwait(false);

        // The cache first: a crash before the journal write then starts on the new stage, never back on the old one.
        if (configs.Count > 0 && (_lastConfig is null || !configs.SequenceEqual(_lastConfig)))
        {
            await EdgeConfigCache.SaveAsync(_dataFolder, configs, cancellationToken).ConfigureAwait(false);
            _lastConfig = configs;
        }

        foreach (var agent in _agents)
        {
            var id = agent.Runtime.AgentId;
            if (configs.FirstOrDefault(c => c.AgentId == id) is not { } config)
            {
                if (_missing.Add(id))
                {
                    _report($"live: {id} is no longer published to this edge; it keeps deciding on {agent.Runtime.Stage} until the edge restarts");
                }

                continue;
            }

            _missing.Remove(id);
            if (await EdgeStageMirror.RecordAsync(_journal, id, config.Stage, config.Version, _edgeId, _time, cancellationToken).ConfigureAwait(false) is { } change)
            {
                _report($"live: {id} stage {change.From} -> {change.To} from the server; journalled, in force from the next batch");
            }

            agent.ServerStage = config.Stage;
            if (agent.Runtime.Stage != config.Stage && _stageWork.GetValueOrDefault(agent) is not { IsCompleted: false })
            {
                _stageWork[agent] = AdoptStageAsync(agent, cancellationToken);
            }
        }
    }

    private async Task FollowModelsAsync(CancellationToken cancellationToken)
    {
        var ids = _agents.Select(a => a.Runtime.AgentId).ToList();
        foreach (var (agentId, model) in await _signed!.RefreshAsync(_models!, ids, _report, cancellationToken).ConfigureAwait(false))
        {
            var agent = _agents.First(a => a.Runtime.AgentId == agentId);
            if (agent.Model.Version == model.Version)
            {
                await model.DisposeAsync().ConfigureAwait(false);
                continue;
            }

            var before = _modelWork.GetValueOrDefault(agent) ?? Task.CompletedTask;
            _modelWork[agent] = SwitchModelAsync(agent, model, before, cancellationToken);
        }
    }

    private async Task AdoptStageAsync(EdgeAgent agent, CancellationToken cancellationToken)
    {
        try
        {
            var from = agent.Runtime.Stage;
            if (await agent.Runtime.RefreshStageAsync(cancellationToken).ConfigureAwait(false))
            {
                _report($"live: {agent.Runtime.AgentId} decides on {agent.Runtime.Stage} (was {from})");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            _report($"live: {agent.Runtime.AgentId} stage not adopted ({ex.Message}); tried again at the next poll");
        }
    }

    private async Task SwitchModelAsync(EdgeAgent agent, IModelAdapter model, Task before, CancellationToken cancellationToken)
    {
        await before.ConfigureAwait(false);
        var from = agent.Model.Version;
        try
        {
            await agent.UseModelAsync(model, cancellationToken).ConfigureAwait(false);
            _report($"live: {agent.Runtime.AgentId} decides with model {model.Version} (was {from})");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await model.DisposeAsync().ConfigureAwait(false);
        }
    }
}
