using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Core.UseCases;
using Rung.Governance.Identity;
using Rung.Runtime.Agents;
using Rung.Storage.Journal;

namespace Rung.Server.Api;

/// <summary>
/// Cases: submit one or a batch (the server decides them through the agent's runtime and journals the batch in
/// one durable append), and read one back.
/// </summary>
internal static class CasesApi
{
    /// <summary>Feeding an agent plant data: Operator (the MES or line token), Owner and OtEngineer (a line gateway).</summary>
    public const Operation Submit = Operation.SubmitCase;

    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("POST", "/api/v1/agents/{agentId}/cases", "submitCase", "cases", "Decide one case: proposal and disposition", SubmitOneAsync, HasBody: true, Retryable: true, Request: "CaseSubmission", Response: "CaseDecision"),
        new("POST", "/api/v1/agents/{agentId}/cases/batch", "submitCases", "cases", $"Decide up to {RungApi.MaxBatch} cases in one journal append", SubmitBatchAsync, HasBody: true, Retryable: true, Request: "CaseBatch", Response: "CaseBatchResult"),
        new("GET", "/api/v1/agents/{agentId}/cases/{caseId}", "getCase", "cases", "One decided case", GetAsync, Response: "Decision"),
    ];

    private static async Task<ApiResult> SubmitOneAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (agent, useCase) = await RunnableAsync(request, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        var input = ReadCase(request.Body, string.Empty, useCase, validation, request.Services.Time.GetUtcNow());
        validation.ThrowIfInvalid();
        var decided = await request.Services.Agents.RunAsync(agent.AgentId, r => r.DecideAsync([input!], cancellationToken), cancellationToken).ConfigureAwait(false);
        var (record, result) = decided[0];
        if (result == AppendResult.Duplicate)
        {
            var stored = await request.Services.Store.GetDecisionAsync(input!.CaseId, cancellationToken).ConfigureAwait(false);
            var json = ApiJson.Decision(stored ?? record);
            json["duplicate"] = true;
            return ApiResult.Ok(json);
        }

        var created = ApiJson.Decision(record);
        created["duplicate"] = false;
        return ApiResult.Created(created);
    }

    private static async Task<ApiResult> SubmitBatchAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (agent, useCase) = await RunnableAsync(request, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "cases");
        var inputs = new List<CaseInput>();
        if (ApiFields.Array(request.Body, "cases", string.Empty, validation, RungApi.MaxBatch) is { } array)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var now = request.Services.Time.GetUtcNow();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"cases[{i}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    validation.Add(path, $"must be an object, not {item.ValueKind}.");
                }
                else if (ReadCase(item, path, useCase, validation, now) is { } input)
                {
                    if (seen.TryGetValue(input.CaseId, out var first))
                    {
                        validation.Add(path + ".caseId", $"'{input.CaseId}' repeats cases[{first}].caseId; each case id may appear once per batch.");
                    }
                    else
                    {
                        seen[input.CaseId] = i;
                        inputs.Add(input);
                    }
                }

                i++;
            }
        }

        validation.ThrowIfInvalid();
        var decided = await request.Services.Agents.RunAsync(agent.AgentId, r => r.DecideAsync(inputs, cancellationToken), cancellationToken).ConfigureAwait(false);
        var results = new JsonArray();
        foreach (var (record, result) in decided)
        {
            var stored = result == AppendResult.Duplicate
                ? await request.Services.Store.GetDecisionAsync(record.Case.CaseId, cancellationToken).ConfigureAwait(false) ?? record
                : record;
            var json = ApiJson.Decision(stored);
            json["duplicate"] = result == AppendResult.Duplicate;
            results.Add(json);
        }

        return ApiResult.Ok(new JsonObject
        {
            ["stored"] = decided.Count(d => d.Result == AppendResult.Stored),
            ["duplicates"] = decided.Count(d => d.Result == AppendResult.Duplicate),
            ["results"] = results,
        });
    }

    private static async Task<ApiResult> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(ApiJson.Decision(await request.CaseAsync(agent, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>The agent, authorized to take cases, with the use case this server runs it by.</summary>
    internal static async Task<(AgentRecord Agent, UseCaseDefinition UseCase)> RunnableAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Submit, cancellationToken).ConfigureAwait(false);
        var useCase = request.Services.Agents.Definition(agent.AgentId)
            ?? throw ApiProblemException.Conflict($"Agent '{agent.AgentId}' is not run by this server: start `rung serve` with its use case (--usecase FILE).");
        return (agent, useCase);
    }

    private static CaseInput? ReadCase(JsonElement item, string path, UseCaseDefinition useCase, ApiValidation validation, DateTimeOffset now)
    {
        ApiFields.OnlyKnown(item, path, validation, "caseId", "occurredAt", "values");
        var caseId = ApiFields.Text(item, "caseId", path, validation, required: true);
        var at = ApiFields.Time(item, "occurredAt", path, validation, required: true, now);
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        var valid = caseId is not null && at is not null;
        if (ApiFields.Object(item, "values", path, validation) is { } obj)
        {
            var inputs = useCase.Agent.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var property in obj.EnumerateObject())
            {
                var field = ApiFields.Join(ApiFields.Join(path, "values"), property.Name);
                if (!inputs.Contains(property.Name))
                {
                    validation.Add(field, $"is not an input of agent '{useCase.Agent.Id}' (inputs: {string.Join(", ", inputs.Order(StringComparer.Ordinal))}).");
                    valid = false;
                }
                else if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    values[property.Name] = null;
                }
                else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    validation.Add(field, $"must be a finite number or null; got {property.Value.GetRawText()}.");
                    valid = false;
                }
                else
                {
                    values[property.Name] = number;
                }
            }
        }
        else
        {
            valid = false;
        }

        return valid ? new CaseInput(caseId!, at!.Value, values) : null;
    }
}
