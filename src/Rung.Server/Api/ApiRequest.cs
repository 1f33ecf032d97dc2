using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rung.Governance.Identity;
using Rung.Storage.Journal;

namespace Rung.Server.Api;

/// <summary>One authenticated API call as a handler sees it.</summary>
internal sealed class ApiRequest(HttpContext http, ApiServices services, Principal? principal, JsonElement body)
{
    public HttpContext Http => http;

    public ApiServices Services => services;

    /// <summary>The caller; only null on anonymous endpoints.</summary>
    public Principal Principal => principal ?? throw new InvalidOperationException("This endpoint is anonymous.");

    /// <summary>The JSON object sent, or an undefined element when the endpoint reads no body.</summary>
    public JsonElement Body => body;

    public string Route(string name) => http.Request.RouteValues[name] as string ?? string.Empty;

    public string? Query(string name) => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>
    /// Authorizes the caller on a scope. A role that never allows the operation is 403; a scope outside the
    /// caller's zones is 404 when <paramref name="hideOutOfZone"/> (the caller must not learn what exists there).
    /// </summary>
    public async Task AuthorizeAsync(Operation operation, string scope, bool hideOutOfZone, string what, CancellationToken cancellationToken)
    {
        var result = await services.Identity.AuthorizeAsync(Principal, operation, scope, cancellationToken).ConfigureAwait(false);
        if (result.Allowed)
        {
            return;
        }

        if (hideOutOfZone && Permissions.AllowsAny(Principal.Roles, operation) && !Zones.AnyCovers(Principal.Zones, scope))
        {
            throw ApiProblemException.NotFound(what);
        }

        throw new ApiProblemException(403, "Forbidden", $"{operation} on {scope}: {result.Reason}");
    }

    /// <summary>The agent named by the route, authorized for <paramref name="operation"/>; 404 when unknown or out of zone.</summary>
    public async Task<AgentRecord> AgentAsync(Operation operation, CancellationToken cancellationToken)
    {
        var id = Route("agentId");
        var what = $"No agent '{id}'.";
        var agent = await services.Store.GetAgentAsync(id, cancellationToken).ConfigureAwait(false);
        if (agent is null && services.Agents.Definition(id) is not null)
        {
            // An agent this server runs is created in the store when its runtime first starts.
            await services.Agents.RunAsync(id, _ => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
            agent = await services.Store.GetAgentAsync(id, cancellationToken).ConfigureAwait(false);
        }

        if (agent is null)
        {
            throw ApiProblemException.NotFound(what);
        }

        await AuthorizeAsync(operation, agent.Scope, hideOutOfZone: true, what, cancellationToken).ConfigureAwait(false);
        return agent;
    }

    /// <summary>The route's case of the route's agent; 404 when unknown or another agent's.</summary>
    public async Task<DecisionRecord> CaseAsync(AgentRecord agent, CancellationToken cancellationToken)
    {
        var id = Route("caseId");
        var decision = await services.Store.GetDecisionAsync(id, cancellationToken).ConfigureAwait(false);
        return decision is not null && decision.Case.AgentId == agent.AgentId
            ? decision
            : throw ApiProblemException.NotFound($"Agent '{agent.AgentId}' has no case '{id}'.");
    }
}
