using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Server.Api;

namespace Rung.Server.Data;

/// <summary>
/// The agents this server runs (the runtimes <c>rung serve</c> hosts for its use cases and has started), as the console
/// sees them: a verdict on a case of such an agent goes through its running runtime, so an approved action is
/// committed and delivered at once and the runtime's own state (its ledger, its watch) sees the verdict. Verdicts on
/// other agents are written to the store, where their runtime finds them when it starts: the console never starts a
/// second runtime beside one running elsewhere (the demo's, an edge's). Thread-safe.
/// </summary>
public sealed class RunningAgents
{
    private ApiAgents? _agents;

    /// <summary>True when this server runs the agent, so its verdicts go through its runtime.</summary>
    public bool Runs(string agentId) => _agents?.IsRunning(agentId) == true;

    /// <summary>Records one verdict through the agent's runtime; false when the case already had one.</summary>
    /// <exception cref="InvalidOperationException">The server does not run the agent.</exception>
    public async Task<bool> ApproveAsync(string agentId, Approval approval, CancellationToken cancellationToken = default)
    {
        var agents = Require(agentId);
        var isNew = await agents.RunAsync(agentId, r => r.ApproveAsync([approval], cancellationToken), cancellationToken).ConfigureAwait(false);
        return isNew[0];
    }

    /// <summary>Resolves one exception item through the agent's runtime; false when it was already resolved.</summary>
    /// <exception cref="InvalidOperationException">The server does not run the agent.</exception>
    public async Task<bool> ResolveAsync(string agentId, ExceptionResolution resolution, CancellationToken cancellationToken = default)
    {
        var agents = Require(agentId);
        var isNew = await agents.RunAsync(agentId, r => r.ResolveExceptionsAsync([resolution], cancellationToken), cancellationToken).ConfigureAwait(false);
        return isNew[0];
    }

    /// <summary>
    /// Runs <paramref name="work"/> (a signed promotion, a release, a rollback made in the console) and applies what it
    /// changed to the agent's running runtime at once, through the same path as the API: the work is done alone on the
    /// runtime, whose next case is decided on the new stage and model. An agent this server does not run is not
    /// started; the work is simply done.
    /// </summary>
    public Task<T> ChangeAsync<T>(string agentId, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _agents is { } agents ? agents.ChangeAsync(agentId, work, cancellationToken) : work();
    }

    /// <summary>Hands over the runtimes the API hosts; called once while the app is built.</summary>
    internal void Attach(ApiAgents agents) => _agents = agents;

    private ApiAgents Require(string agentId) =>
        _agents is { } agents && agents.IsRunning(agentId)
            ? agents
            : throw new InvalidOperationException($"Agent '{agentId}' is not run by this server.");
}
