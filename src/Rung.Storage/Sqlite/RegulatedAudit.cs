using System.Globalization;
using System.Text.Json.Nodes;
using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Storage.Audit;
using Rung.Storage.Journal;
using Rung.Storage.Replication;

namespace Rung.Storage.Sqlite;

/// <summary>The audit entries of the store's own regulated writes: agents, stage changes, approvals, exception resolutions and template instances; both stores write the same ones.</summary>
internal static class RegulatedAudit
{
    public static AuditDraft AgentCreated(AgentRecord agent, StageChange initial) => new(
        initial.Actor,
        AuditRecordTypes.Agent,
        agent.AgentId,
        "create",
        null,
        CanonicalJson.Serialize(new JsonObject
        {
            ["agentId"] = agent.AgentId,
            ["useCaseId"] = agent.UseCaseId,
            ["scope"] = agent.Scope,
            ["stage"] = initial.To.ToString(),
        }),
        NullIfEmpty(initial.Reason));

    public static AuditDraft StageChanged(StageChange change) => new(
        change.Actor,
        AuditRecordTypes.Stage,
        change.AgentId,
        change.Kind.ToString().ToLowerInvariant(),
        CanonicalJson.Serialize(new JsonObject { ["stage"] = change.From.ToString() }),
        CanonicalJson.Serialize(new JsonObject
        {
            ["stage"] = change.To.ToString(),
            ["kind"] = change.Kind.ToString(),
            ["at"] = change.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["evidence"] = Evidence(change.Evidence),
        }),
        change.Reason);

    public static AuditDraft Approved(Approval approval) => new(
        approval.Approver,
        AuditRecordTypes.Approval,
        approval.CaseId,
        approval.Verdict == Verdict.Approved ? "approve" : "reject",
        null,
        CanonicalJson.Serialize(new JsonObject
        {
            ["caseId"] = approval.CaseId,
            ["verdict"] = approval.Verdict.ToString(),
            ["at"] = approval.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["correctAction"] = approval.CorrectAction,
        }),
        NullIfEmpty(approval.Reason));

    private static JsonObject Evidence(IReadOnlyDictionary<string, string> evidence)
    {
        var result = new JsonObject();
        foreach (var (key, value) in evidence)
        {
            result[key] = value;
        }

        return result;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A resolved exception item: its action is also the case's label.</summary>
    public static AuditDraft ExceptionResolved(ExceptionResolution resolution) => new(
        resolution.ResolvedBy,
        SqliteRungStore.ExceptionAuditType,
        resolution.CaseId,
        "resolve",
        null,
        CanonicalJson.Serialize(new JsonObject { ["action"] = resolution.Action, ["label"] = resolution.Action }),
        null);

    /// <summary>An agent made from a use-case template (after its own "create" entry).</summary>
    public static AuditDraft Instantiated(TemplateInstance instance) => new(
        instance.CreatedBy,
        AuditRecordTypes.Agent,
        instance.AgentId,
        "instantiate",
        null,
        CanonicalJson.Serialize(new JsonObject
        {
            ["agentId"] = instance.AgentId,
            ["templateId"] = instance.TemplateId,
            ["championVersion"] = instance.ChampionVersion,
            ["sourceAgentId"] = instance.SourceAgentId,
            ["site"] = instance.Site,
            ["line"] = instance.Line,
        }),
        null);
}
