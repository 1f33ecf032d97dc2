using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rung.Core.Alarms;
using Rung.Core.UseCases;
using Rung.Edge.Models;
using Rung.Storage.Edge;
using Rung.Governance;
using Rung.Models;
using Rung.Registry;
using Rung.Registry.Signing;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage;

namespace Rung.Server.Api;

/// <summary>
/// The agents this server decides for: one <see cref="AgentRuntime"/> per agent with a use-case definition,
/// started on first use, and called one request at a time (the runtime is single-threaded by design).
/// An agent with a champion in the model registry decides with it, loaded and switched only through
/// <see cref="VerifiedModelHost"/>; an agent without one decides with the use case's model file until a release
/// names a champion. Models and profiles named by relative paths resolve against the data folder; committed actions
/// go to <c>DIR/actions/AGENT.jsonl</c> and pages to <c>DIR/pages.jsonl</c>. A promotion, a demotion, a release or a
/// rollback reaches a running runtime through <see cref="ChangeAsync{T}"/> at once, between two batches.
/// The agents obey the stop switch as an edge's do: the store's stop events are read before each batch, verdict or
/// change, and while a switch holds an agent the runtime decides with a model that answers "stopped" (each case gets
/// the safe default and becomes an exception item) and none of its actions is delivered (each becomes an exception
/// item naming the stop). The model is swapped, not wrapped, so a running agent keeps its batch calls and its
/// champion's version switching; a recorded restart hands the real model back.
/// </summary>
internal sealed partial class ApiAgents(IRungStore store, IModelRegistryStore registry, IEdgeStore edges, IReadOnlyList<UseCaseDefinition> useCases, string dataFolder, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly ServerStops _stops = new(edges);
    private readonly Dictionary<string, UseCaseDefinition> _definitions = useCases.ToDictionary(u => u.Agent.Id, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Hosted>>> _hosted = new(StringComparer.Ordinal);

    /// <summary>The use case of an agent, or null when this server was not given one.</summary>
    public UseCaseDefinition? Definition(string agentId) => _definitions.GetValueOrDefault(agentId);

    /// <summary>True when the agent's runtime has been started here and is running.</summary>
    public bool IsRunning(string agentId) => _hosted.TryGetValue(agentId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully;

    /// <summary>Runs <paramref name="work"/> on the agent's runtime, alone. 409 when the agent has no use case here.</summary>
    public async Task<T> RunAsync<T>(string agentId, Func<AgentRuntime, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!_definitions.ContainsKey(agentId))
        {
            throw ApiProblemException.Conflict($"Agent '{agentId}' is not run by this server: start `rung serve` with its use case (--usecase FILE) to decide its cases.");
        }

        var lazy = _hosted.GetOrAdd(agentId, id => new Lazy<Task<Hosted>>(() => StartAsync(_definitions[id])));
        Hosted hosted;
        try
        {
            hosted = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed start (model file missing, say) is tried again by the next request rather than kept.
            _hosted.TryRemove(new KeyValuePair<string, Lazy<Task<Hosted>>>(agentId, lazy));
            throw;
        }

        await hosted.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read alone on the runtime, so a stop recorded before the work began holds all of it.
            await _stops.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await FollowStopAsync(hosted, cancellationToken).ConfigureAwait(false);
            return await work(hosted.Runtime).ConfigureAwait(false);
        }
        finally
        {
            hosted.Gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (a promotion, a release, a rollback) and applies what it changed in the store and
    /// the registry to the agent's running runtime, without a restart: the stage the store holds and the registry's
    /// champion. When the runtime runs, the work is done alone on it, so no case is decided on the old stage or model
    /// after the change is recorded, and the next case is decided on the new ones. When it does not run, the work is
    /// simply done: the runtime reads both when it starts. Never starts a runtime.
    /// </summary>
    public async Task<T> ChangeAsync<T>(string agentId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (await RunningAsync(agentId, cancellationToken).ConfigureAwait(false) is not { } hosted)
        {
            var result = await work().ConfigureAwait(false);
            // A start that began meanwhile may have read the store before the work wrote to it.
            if (await RunningAsync(agentId, cancellationToken).ConfigureAwait(false) is { } started)
            {
                await ApplyAloneAsync(started, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        await hosted.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stops.RefreshAsync(cancellationToken).ConfigureAwait(false);
            var result = await work().ConfigureAwait(false);
            await ApplyAsync(hosted, cancellationToken).ConfigureAwait(false);
            await FollowStopAsync(hosted, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            hosted.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _hosted.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            var hosted = lazy.Value.Result;
            await hosted.Model.DisposeAsync().ConfigureAwait(false);
            await hosted.Connector.DisposeAsync().ConfigureAwait(false);
            hosted.Key?.Dispose();
        }
    }

    // The agent's hosted runtime once started (waiting for a start in flight); null when it is not started or its
    // start failed.
    private async Task<Hosted?> RunningAsync(string agentId, CancellationToken cancellationToken)
    {
        if (!_hosted.TryGetValue(agentId, out var lazy) || !lazy.IsValueCreated)
        {
            return null;
        }

        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            return null;
        }
    }

    private async Task ApplyAloneAsync(Hosted hosted, CancellationToken cancellationToken)
    {
        await hosted.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyAsync(hosted, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            hosted.Gate.Release();
        }
    }

    // The one path by which a change made outside the runtime reaches it. Both steps read what is recorded, so
    // applying twice, or applying a change already seen, does nothing.
    private async Task ApplyAsync(Hosted hosted, CancellationToken cancellationToken)
    {
        var agentId = hosted.Runtime.AgentId;
        if (await hosted.Runtime.RefreshStageAsync(cancellationToken).ConfigureAwait(false))
        {
            LogStage(logger, agentId, hosted.Runtime.Stage);
        }

        if (hosted.Model is VerifiedModelHost host)
        {
            var before = host.Version;
            // A champion that does not verify is refused by the host, which keeps the version it has and raises an alarm.
            await host.FollowChampionAsync(cancellationToken).ConfigureAwait(false);
            if (host.Version != before)
            {
                LogModel(logger, agentId, before, host.Version);
            }

            return;
        }

        if (await HasChampionAsync(agentId, cancellationToken).ConfigureAwait(false))
        {
            VerifiedModelHost champion;
            SigningKey key;
            try
            {
                (champion, key) = await StartChampionAsync(agentId, hosted.Alarms, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ModelIntegrityException or InvalidDataException or NotSupportedException or KeyNotFoundException or IOException)
            {
                // The release is recorded; the model file keeps deciding, as a refused version keeps the last good one.
                await RefusedAsync(hosted, ex.Message, cancellationToken).ConfigureAwait(false);
                return;
            }

            var before = hosted.Model;
            // A stopped agent keeps its stand-in; the champion decides from the recorded restart on.
            if (hosted.StoppedBy is null)
            {
                await hosted.Runtime.UseModelAsync(champion, cancellationToken).ConfigureAwait(false);
            }

            hosted.Model = champion;
            hosted.Key = key;
            LogModel(logger, agentId, before.Version, champion.Version);
            await before.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RefusedAsync(Hosted hosted, string problem, CancellationToken cancellationToken)
    {
        var agentId = hosted.Runtime.AgentId;
        var kept = hosted.Model.Version;
        LogChampionRefused(logger, agentId, kept, problem);
        await hosted.Alarms.EvaluateAsync([new AlarmCondition(VerifiedModelHost.IntegrityRule, agentId, true, AlarmSeverity.Critical, $"The champion of {agentId} was refused at load; {kept} keeps deciding", new Dictionary<string, string>
        {
            ["kept"] = kept,
            ["problem"] = problem,
        }, ClearsItself: false)], cancellationToken).ConfigureAwait(false);
    }

    // Started without the request's token: the runtime outlives the request that happened to start it.
    private async Task<Hosted> StartAsync(UseCaseDefinition useCase)
    {
        var agent = useCase.Agent;
        var alarms = new AlarmCenter(useCase, store, new Notifier([new FileChannel(Path.Combine(dataFolder, "pages.jsonl"))]), time);
        IModelAdapter model;
        SigningKey? key = null;
        if (await HasChampionAsync(agent.Id, CancellationToken.None).ConfigureAwait(false))
        {
            (var host, key) = await StartChampionAsync(agent.Id, alarms, CancellationToken.None).ConfigureAwait(false);
            model = host;
        }
        else
        {
            LogNoChampion(logger, agent.Id, agent.Model.Version);
            model = await ModelFactory.CreateAsync(agent, dataFolder, time, CancellationToken.None).ConfigureAwait(false);
        }

        JsonLinesActionConnector? connector = null;
        try
        {
            connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(dataFolder, "actions", agent.Id + ".jsonl"), CancellationToken.None).ConfigureAwait(false);
            var reference = await ModelFactory.LoadProfileAsync(agent.Model, dataFolder, CancellationToken.None).ConfigureAwait(false);
            var watch = new AgentWatch(useCase, new AgentMonitor(agent, reference), alarms, store, time);
            // The start delivers actions left undelivered by the last run: a stop in force holds those too.
            await _stops.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
            var gate = new StopActionGate(connector, edges, () => _stops.StoppedBy(agent.Id, agent.Scope), time);
            var runtime = await AgentRuntime.StartAsync(useCase, store, model, gate, time, watch, CancellationToken.None).ConfigureAwait(false);
            return new Hosted(runtime, agent, model, connector, alarms) { Key = key };
        }
        catch
        {
            await model.DisposeAsync().ConfigureAwait(false);
            if (connector is not null)
            {
                await connector.DisposeAsync().ConfigureAwait(false);
            }

            key?.Dispose();
            throw;
        }
    }

    // Called alone on the runtime, after the stops were read: while a switch holds the agent the runtime decides with a
    // stand-in that answers "stopped" (the safe default, an exception item); once it is restarted, with the real model
    // again. A newer stop replaces the stand-in, so each case names the stop that held it.
    private static async Task FollowStopAsync(Hosted hosted, StopEvent? stop, CancellationToken cancellationToken)
    {
        if (stop == hosted.StoppedBy)
        {
            return;
        }

        IModelAdapter next = stop is null
            ? hosted.Model
            : new UnavailableModel(stop.Holding, hosted.Model.Version);
        await hosted.Runtime.UseModelAsync(next, cancellationToken).ConfigureAwait(false);
        hosted.StoppedBy = stop;
    }

    private Task FollowStopAsync(Hosted hosted, CancellationToken cancellationToken) =>
        FollowStopAsync(hosted, _stops.StoppedBy(hosted.Agent.Id, hosted.Agent.Scope), cancellationToken);

    private async Task<bool> HasChampionAsync(string agentId, CancellationToken cancellationToken) =>
        (await registry.GetModelAliasesAsync(agentId, cancellationToken).ConfigureAwait(false)).Any(a => a.Alias == ModelAliases.Champion);

    // The key stays with the host: its registry reads and verifies every version it switches to.
    private async Task<(VerifiedModelHost Host, SigningKey Key)> StartChampionAsync(string agentId, AlarmCenter alarms, CancellationToken cancellationToken)
    {
        var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(dataFolder));
        try
        {
            var host = await VerifiedModelHost.StartAsync(new ModelRegistry(registry, dataFolder, key, time), agentId, alarms, time, cancellationToken).ConfigureAwait(false);
            LogChampion(logger, agentId, host.Version);
            return (host, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Agent {AgentId} decides with its registry champion {Version}.")]
    private static partial void LogChampion(ILogger logger, string agentId, string version);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Agent {AgentId} has no champion in the model registry: it decides with the use case's model file ({Version}) until a release names one.")]
    private static partial void LogNoChampion(ILogger logger, string agentId, string version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Agent {AgentId} now decides on stage {Stage}, from its next case.")]
    private static partial void LogStage(ILogger logger, string agentId, Core.Ladder.Stage stage);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Agent {AgentId} switched its model from {From} to {To}, from its next case.")]
    private static partial void LogModel(ILogger logger, string agentId, string from, string to);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "The champion of agent {AgentId} was refused at load; {Kept} keeps deciding: {Problem}")]
    private static partial void LogChampionRefused(ILogger logger, string agentId, string kept, string problem);

    private sealed class Hosted(AgentRuntime runtime, AgentDefinition agent, IModelAdapter model, JsonLinesActionConnector connector, AlarmCenter alarms)
    {
        public AgentRuntime Runtime => runtime;

        public AgentDefinition Agent => agent;

        // The model itself (a VerifiedModelHost switches through it); the runtime holds it unless a stop holds the agent.
        public IModelAdapter Model { get; set; } = model;

        // The stop the runtime's stand-in model answers with; null while the runtime decides with Model.
        public StopEvent? StoppedBy { get; set; }

        public SigningKey? Key { get; set; }

        public JsonLinesActionConnector Connector => connector;

        public AlarmCenter Alarms => alarms;

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
