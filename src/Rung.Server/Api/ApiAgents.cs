using System.Collections.Concurrent;
using Rung.Core.UseCases;
using Rung.Models;
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
/// Models and profiles named by relative paths resolve against the data folder; committed actions go to
/// <c>DIR/actions/AGENT.jsonl</c> and pages to <c>DIR/pages.jsonl</c>.
/// </summary>
internal sealed class ApiAgents(IRungStore store, IReadOnlyList<UseCaseDefinition> useCases, string dataFolder, TimeProvider time) : IAsyncDisposable
{
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
            return await work(hosted.Runtime).ConfigureAwait(false);
        }
        finally
        {
            hosted.Gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone on the agent (no case is decided meanwhile), then starts its runtime
    /// afresh from the store, so a stage changed outside the runtime (a gate promotion) is the stage it decides on.
    /// The model and the action connector are kept.
    /// </summary>
    public async Task<T> ChangeAsync<T>(string agentId, Func<Task<T>> work, CancellationToken cancellationToken) =>
        await RunAsync(agentId, async _ =>
        {
            var result = await work().ConfigureAwait(false);
            var hosted = await _hosted[agentId].Value.ConfigureAwait(false);
            hosted.Runtime = await StartRuntimeAsync(_definitions[agentId], hosted.Model, hosted.Connector).ConfigureAwait(false);
            return result;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _hosted.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            var hosted = lazy.Value.Result;
            await hosted.Model.DisposeAsync().ConfigureAwait(false);
            await hosted.Connector.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Started without the request's token: the runtime outlives the request that happened to start it.
    private async Task<Hosted> StartAsync(UseCaseDefinition useCase)
    {
        var agent = useCase.Agent;
        var model = await ModelFactory.CreateAsync(agent, dataFolder, time, CancellationToken.None).ConfigureAwait(false);
        var connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(dataFolder, "actions", agent.Id + ".jsonl"), CancellationToken.None).ConfigureAwait(false);
        return new Hosted(await StartRuntimeAsync(useCase, model, connector).ConfigureAwait(false), model, connector);
    }

    private async Task<AgentRuntime> StartRuntimeAsync(UseCaseDefinition useCase, IModelAdapter model, JsonLinesActionConnector connector)
    {
        var reference = await ModelFactory.LoadProfileAsync(useCase.Agent.Model, dataFolder, CancellationToken.None).ConfigureAwait(false);
        var alarms = new AlarmCenter(useCase, store, new Notifier([new FileChannel(Path.Combine(dataFolder, "pages.jsonl"))]), time);
        var watch = new AgentWatch(useCase, new AgentMonitor(useCase.Agent, reference), alarms, store, time);
        return await AgentRuntime.StartAsync(useCase, store, model, connector, time, watch, CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class Hosted(AgentRuntime runtime, IModelAdapter model, JsonLinesActionConnector connector)
    {
        public AgentRuntime Runtime { get; set; } = runtime;

        public IModelAdapter Model => model;

        public JsonLinesActionConnector Connector => connector;

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
