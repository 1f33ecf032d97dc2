using System.Text.Json.Nodes;
using Rung.Core.Exceptions;
using Rung.Governance.Identity;

namespace Rung.Server.Api;

/// <summary>The exception queue: open items, and a person's decision on one.</summary>
internal static class ExceptionsApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/agents/{agentId}/exceptions", "listOpenExceptions", "exceptions", "Open exception items, oldest first", ListAsync, Query: ["cursor", "limit"], Response: "ExceptionPage"),
        new("POST", "/api/v1/agents/{agentId}/exceptions/{caseId}/resolve", "resolveException", "exceptions", "Decide an exception item: the chosen action becomes the case's label", ResolveAsync, HasBody: true, Retryable: true, Request: "ResolveRequest", Response: "Resolution"),
    ];

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = ApiPage.From(request);
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var open = await request.Services.Store.GetOpenExceptionsAsync(agent.AgentId, (int)Math.Min(page.Position + page.Limit + 1, int.MaxValue), cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(page.Slice(open, e => ApiJson.Exception(e)));
    }

    private static async Task<ApiResult> ResolveAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ResolveException, cancellationToken).ConfigureAwait(false);
        var edge = await Edge.EdgeVerdicts.PublishedUseCaseAsync(request.Services.Store, agent.AgentId, cancellationToken).ConfigureAwait(false);
        var useCase = edge ?? request.Services.Agents.Definition(agent.AgentId)
            ?? throw ApiProblemException.Conflict($"Agent '{agent.AgentId}' is not run by this server: start `rung serve` with its use case (--usecase FILE).");
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "action");
        var action = ApiFields.Text(request.Body, "action", string.Empty, validation, required: true);
        if (action is not null && !useCase.Agent.Actions.Any(a => a.Name == action))
        {
            validation.Add("action", $"'{action}' is not an action of agent '{agent.AgentId}' ({string.Join(", ", useCase.Agent.Actions.Select(a => a.Name))}).");
        }

        validation.ThrowIfInvalid();
        var decision = await request.CaseAsync(agent, cancellationToken).ConfigureAwait(false);
        if (decision.Exception is null)
        {
            throw ApiProblemException.Conflict($"Case '{decision.Case.CaseId}' is {decision.Decision.Disposition}; it was never routed to the exception queue.");
        }

        var resolution = new ExceptionResolution(decision.Case.CaseId, request.Principal.Id, action!, request.Services.Time.GetUtcNow());
        var isNew = edge is not null
            ? await Edge.EdgeVerdicts.ResolveAsync(request.Services.Store, edge, resolution, cancellationToken).ConfigureAwait(false)
            : (await request.Services.Agents.RunAsync(agent.AgentId, r => r.ResolveExceptionsAsync([resolution], cancellationToken), cancellationToken).ConfigureAwait(false))[0];
        if (!isNew)
        {
            throw ApiProblemException.Conflict($"The exception item of case '{decision.Case.CaseId}' is already resolved.");
        }

        return ApiResult.Ok(new JsonObject
        {
            ["caseId"] = resolution.CaseId,
            ["action"] = resolution.Action,
            ["resolvedBy"] = resolution.ResolvedBy,
            ["resolvedAt"] = ApiJson.Time(resolution.At),
        });
    }
}
