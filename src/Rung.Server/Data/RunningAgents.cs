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

    /// <summary>Hands over the runtimes the API hosts; called once while the app is built.</summary>
    internal void Attach(ApiAgents agents) => _agents = agents;

    private ApiAgents Require(string agentId) =>
        _agents is { } agents && agents.IsRunning(agentId)
            ? agents
            : throw new InvalidOperationException($"Agent '{agentId}' is not run by this server.");
}
