using System.Text.Json.Nodes;
using Rung.Core.Alarms;
using Rung.Core.Exceptions;
using Rung.Storage.Audit;
using Rung.Storage.Journal;

namespace Rung.Server.Api;

/// <summary>How records look on the wire: camelCase, enums by their names in code, times in ISO 8601 UTC.</summary>
internal static class ApiJson
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Agent(AgentRecord a) => new()
    {
        ["agentId"] = a.AgentId,
        ["useCaseId"] = a.UseCaseId,
        ["scope"] = a.Scope,
        ["stage"] = a.Stage.ToString(),
        ["stageSince"] = Time(a.StageSince),
    };

    public static JsonObject Decision(DecisionRecord d)
    {
        var values = new JsonObject();
        foreach (var (name, value) in d.Case.Features.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            values[name] = value;
        }

        return new JsonObject
        {
            ["caseId"] = d.Case.CaseId,
            ["agentId"] = d.Case.AgentId,
            ["occurredAt"] = Time(d.Case.OccurredAt),
            ["features"] = values,
            ["qualityFlags"] = new JsonArray([.. d.Case.Features.Flags.Select(f => (JsonNode?)new JsonObject { ["feature"] = f.Feature, ["problem"] = f.Problem, ["blocking"] = f.Blocking })]),
            ["proposal"] = new JsonObject
            {
                ["action"] = d.Proposal.Action.Name,
                ["target"] = d.Proposal.Action.Target,
                ["value"] = d.Proposal.Action.Value,
                ["confidence"] = d.Proposal.Confidence,
                ["outOfDistribution"] = d.Proposal.OutOfDistribution,
                ["severity"] = d.Proposal.Severity.ToString(),
                ["modelVersion"] = d.Proposal.ModelVersion,
                ["latencyMs"] = d.Proposal.Latency.TotalMilliseconds,
                ["explanation"] = new JsonArray([.. d.Proposal.Explanation.Select(e => (JsonNode?)new JsonObject { ["feature"] = e.Feature, ["contribution"] = e.Contribution })]),
            },
            ["stage"] = d.Stage.ToString(),
            ["disposition"] = d.Decision.Disposition.ToString(),
            ["reasons"] = new JsonArray([.. d.Decision.Reasons.Select(r => (JsonNode?)r)]),
            ["blockedBy"] = d.Decision.BlockedBy,
            ["decidedAt"] = Time(d.DecidedAt),
            ["exception"] = d.Exception is null ? null : Exception(d.Exception),
        };
    }

    public static JsonObject Exception(ExceptionItem e) => new()
    {
        ["caseId"] = e.CaseId,
        ["agentId"] = e.AgentId,
        ["reason"] = e.Reason,
        ["createdAt"] = Time(e.CreatedAt),
        ["dueAt"] = Time(e.DueAt),
        ["assignedTo"] = e.AssignedTo,
        ["resolvedAt"] = e.ResolvedAt is { } r ? Time(r) : null,
        ["resolution"] = e.Resolution,
    };

    public static JsonObject Alarm(Alarm a)
    {
        var evidence = new JsonObject();
        foreach (var (k, v) in a.Evidence)
        {
            evidence[k] = v;
        }

        return new JsonObject
        {
            ["alarmId"] = a.Id,
            ["agentId"] = a.AgentId,
            ["rule"] = a.Rule,
            ["key"] = a.Key,
            ["severity"] = a.Severity.ToString(),
            ["title"] = a.Title,
            ["evidence"] = evidence,
            ["runbook"] = a.Runbook,
            ["owner"] = a.Owner,
            ["raisedAt"] = Time(a.RaisedAt),
            ["state"] = a.State.ToString(),
            ["acknowledgedBy"] = a.AcknowledgedBy,
            ["acknowledgedAt"] = a.AcknowledgedAt is { } at ? Time(at) : null,
            ["comment"] = a.Comment,
        };
    }

    public static JsonObject Audit(AuditEntry e) => new()
    {
        ["sequence"] = e.Sequence,
        ["at"] = Time(e.At),
        ["actor"] = e.Actor,
        ["recordType"] = e.RecordType,
        ["recordId"] = e.RecordId,
        ["action"] = e.Action,
        ["oldValue"] = e.OldValue,
        ["newValue"] = e.NewValue,
        ["reason"] = e.Reason,
        ["previousHash"] = e.PreviousHash,
        ["hash"] = e.Hash,
    };
}
