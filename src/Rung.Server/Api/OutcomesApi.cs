using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Core.Outcomes;
using Rung.Core.UseCases;
using Rung.Governance.Identity;

namespace Rung.Server.Api;

/// <summary>Outcomes (labels) arriving after a case was decided: one, or a batch stored in one transaction.</summary>
internal static class OutcomesApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("POST", "/api/v1/agents/{agentId}/outcomes", "submitOutcome", "outcomes", "Label one case with the action that was right", SubmitOneAsync, HasBody: true, Retryable: true, Request: "OutcomeSubmission", Response: "OutcomeResult"),
        new("POST", "/api/v1/agents/{agentId}/outcomes/batch", "submitOutcomes", "outcomes", $"Label up to {RungApi.MaxBatch} cases in one transaction", SubmitBatchAsync, HasBody: true, Retryable: true, Request: "OutcomeBatch", Response: "OutcomeResults"),
    ];

    private static async Task<ApiResult> SubmitOneAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var results = await RecordAsync(request, [request.Body], string.Empty, i => string.Empty, cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(results[0]!.DeepClone());
    }

    private static async Task<ApiResult> SubmitBatchAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        // Authorize before reading the body: a caller without the role or zone learns nothing from validation errors.
        await request.AgentAsync(Operation.LabelCase, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "outcomes");
        var array = ApiFields.Array(request.Body, "outcomes", string.Empty, validation, RungApi.MaxBatch);
        validation.ThrowIfInvalid();
        var items = array!.Value.EnumerateArray().ToList();
        var results = await RecordAsync(request, items, "outcomes", i => $"outcomes[{i}]", cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(new JsonObject { ["results"] = results });
    }

    private static async Task<JsonArray> RecordAsync(ApiRequest request, List<JsonElement> items, string listName, Func<int, string> pathOf, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.LabelCase, cancellationToken).ConfigureAwait(false);
        // An edge agent's outcomes stay here, labelling the cases its edge forwarded (Edge/EdgeVerdicts).
        var edge = await Edge.EdgeVerdicts.PublishedUseCaseAsync(request.Services.Store, agent.AgentId, cancellationToken).ConfigureAwait(false);
        var useCase = edge ?? request.Services.Agents.Definition(agent.AgentId)
            ?? throw ApiProblemException.Conflict($"Agent '{agent.AgentId}' is not run by this server: start `rung serve` with its use case (--usecase FILE).");
        var validation = new ApiValidation();
        var now = request.Services.Time.GetUtcNow();
        var outcomes = new List<Outcome>();
        var seen = new Dictionary<(string, OutcomeSource), int>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = pathOf(i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                validation.Add(path.Length == 0 ? "body" : path, $"must be an object, not {items[i].ValueKind}.");
                continue;
            }

            var outcome = await ReadAsync(request, items[i], path, useCase, edge is not null, validation, now, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                continue;
            }

            if (seen.TryGetValue((outcome.CaseId, outcome.Source), out var first))
            {
                validation.Add(path + ".caseId", $"'{outcome.CaseId}' with source {outcome.Source} repeats {listName}[{first}]; one outcome per case and source.");
                continue;
            }

            seen[(outcome.CaseId, outcome.Source)] = i;
            outcomes.Add(outcome);
        }

        validation.ThrowIfInvalid();
        var results = edge is not null
            ? await Edge.EdgeVerdicts.LabelAsync(request.Services.Store, edge, outcomes, cancellationToken).ConfigureAwait(false)
            : await request.Services.Agents.RunAsync(agent.AgentId, r => r.RecordOutcomesAsync(outcomes, cancellationToken), cancellationToken).ConfigureAwait(false);
        var json = new JsonArray();
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            json.Add(new JsonObject
            {
                ["caseId"] = outcomes[i].CaseId,
                ["stored"] = r.Stored,
                ["correct"] = r.Judgement.Correct,
                ["proposedAction"] = r.Judgement.ProposedAction,
                ["correctAction"] = r.Judgement.CorrectAction,
                ["errorSeverity"] = r.Judgement.ErrorSeverity?.ToString(),
                ["countedInSlo"] = r.CountedInSlo,
                ["demotedTo"] = r.Demotion?.To.ToString(),
            });
        }

        return json;
    }

    private static async Task<Outcome?> ReadAsync(ApiRequest request, JsonElement item, string path, UseCaseDefinition useCase, bool onEdge, ApiValidation validation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ApiFields.OnlyKnown(item, path, validation, "caseId", "correctAction", "source", "at", "note");
        var caseId = ApiFields.Text(item, "caseId", path, validation, required: true);
        var action = ApiFields.Text(item, "correctAction", path, validation, required: true);
        var sourceText = ApiFields.Text(item, "source", path, validation, required: false) ?? nameof(OutcomeSource.HumanAction);
        var at = ApiFields.Time(item, "at", path, validation, required: false, now) ?? now;
        var note = ApiFields.Text(item, "note", path, validation, required: false, ApiFields.MaxTextLength);
        var ok = caseId is not null && action is not null;
        if (action is not null && !useCase.Agent.Actions.Any(a => a.Name == action))
        {
            validation.Add(ApiFields.Join(path, "correctAction"), $"'{action}' is not an action of agent '{useCase.Agent.Id}' ({string.Join(", ", useCase.Agent.Actions.Select(a => a.Name))}).");
            ok = false;
        }

        // Verdicts and exception decisions have their own endpoints, which also commit or resolve.
        if (sourceText is not (nameof(OutcomeSource.HumanAction) or nameof(OutcomeSource.QualityResult)))
        {
            validation.Add(ApiFields.Join(path, "source"), $"must be HumanAction or QualityResult; got '{sourceText}'.");
            ok = false;
        }

        if (caseId is not null)
        {
            var decision = await request.Services.Store.GetDecisionAsync(caseId, cancellationToken).ConfigureAwait(false);
            if (decision is null && onEdge)
            {
                // The edge decided it and may not have forwarded it yet: a clear, retryable refusal, nothing stored.
                throw ApiProblemException.Conflict(Edge.EdgeVerdicts.NotForwarded(useCase.Agent.Id, caseId));
            }

            if (decision is null || decision.Case.AgentId != useCase.Agent.Id)
            {
                validation.Add(ApiFields.Join(path, "caseId"), $"agent '{useCase.Agent.Id}' has no case '{caseId}'.");
                ok = false;
            }
        }

        return ok ? new Outcome(caseId!, Enum.Parse<OutcomeSource>(sourceText), action!, at, request.Principal.Id, note) : null;
    }
}
