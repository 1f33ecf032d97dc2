using System.Text.Json.Nodes;
using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Governance.Audit;
using static Rung.Server.Api.ApiSchema;

namespace Rung.Server.Api;

/// <summary>
/// The component schemas of the agents, cases, outcomes, approvals, exceptions, alarms and audit routes, written
/// next to <see cref="ApiJson"/>, which produces the bodies they describe. The API tests validate real answers
/// against them.
/// </summary>
internal static class ApiSchemas
{
    public static IEnumerable<(string Name, JsonObject Schema)> Common() =>
    [
        ("Problem", Object(
            open: true,
            Req("type", String()), Req("title", String()), Req("status", Integer()), Req("detail", String()), Opt("instance", String()),
            Opt("errors", Map(Array(String()))))),
        ("OpenApiDocument", Object(open: true, Req("openapi", String()), Req("info", Any()), Req("paths", Map(Any())))),
        ("Agent", Object(Agent())),
        ("AgentDetail", Object([.. Agent(), Req("runByServer", Boolean())])),
        ("AgentPage", Page("Agent")),
        ("AgentStatus", Object([
            .. Agent(),
            Req("decisions", Integer()), Req("pendingApprovals", Integer()), Req("openExceptions", Integer()),
            Req("oldestExceptionDueAt", Nullable(Time())), Req("activeAlarms", Integer()),
            Req("slo", Nullable(Object(
                Req("health", String()), Req("labelled", Integer()), Req("correct", Integer()), Req("rollingAccuracy", Nullable(Number())),
                Req("windowFull", Boolean()), Req("highSeverityErrors", Integer()), Req("accuracyFloor", Number()), Req("alertLine", Number()), Req("window", Integer())))),
            Req("monitor", Nullable(Object(Req("at", Time()), Req("status", Any())))),
        ])),
        ("CaseSubmission", Object(
            Req("caseId", String(ApiFields.MaxIdLength)), Req("occurredAt", Time()), Req("values", Map(Nullable(Number()))))),
        ("CaseBatch", Object(Req("cases", Array(Ref("CaseSubmission"), 1, RungApi.MaxBatch)))),
        ("Decision", Object(Decision())),
        ("DecisionPage", Page("Decision")),
        ("CaseDecision", Object([.. Decision(), Req("duplicate", Boolean())])),
        ("CaseBatchResult", Object(Req("stored", Integer()), Req("duplicates", Integer()), Req("results", Array(Ref("CaseDecision"))))),
        ("OutcomeSubmission", Object(
            Req("caseId", String(ApiFields.MaxIdLength)), Req("correctAction", String(ApiFields.MaxIdLength)),
            Opt("source", Enum("HumanAction", "QualityResult")), Opt("at", Time()), Opt("note", String(ApiFields.MaxTextLength)))),
        ("OutcomeBatch", Object(Req("outcomes", Array(Ref("OutcomeSubmission"), 1, RungApi.MaxBatch)))),
        ("OutcomeResult", Object(
            Req("caseId", String()), Req("stored", Boolean()), Req("correct", Boolean()), Req("proposedAction", String()), Req("correctAction", String()),
            Req("errorSeverity", Nullable(Enum<Severity>())), Req("countedInSlo", Boolean()), Req("demotedTo", Nullable(Enum<Stage>())))),
        ("OutcomeResults", Object(Req("results", Array(Ref("OutcomeResult"))))),
        ("ApproveRequest", Object(Opt("reason", String(ApiFields.MaxTextLength)))),
        ("RejectRequest", Object(Req("reason", String(ApiFields.MaxTextLength)), Opt("correctAction", String(ApiFields.MaxIdLength)))),
        ("Verdict", Object(
            Req("caseId", String()), Req("verdict", Enum("Approved", "Rejected")), Req("approver", String()), Req("at", Time()),
            Req("reason", Nullable(String())), Req("correctAction", Nullable(String())), Req("committedAction", Nullable(String())))),
        ("ExceptionItem", Object(
            Req("caseId", String()), Req("agentId", String()), Req("reason", String()), Req("createdAt", Time()), Req("dueAt", Time()),
            Req("assignedTo", Nullable(String())), Req("resolvedAt", Nullable(Time())), Req("resolution", Nullable(String())))),
        ("ExceptionPage", Page("ExceptionItem")),
        ("ResolveRequest", Object(Req("action", String(ApiFields.MaxIdLength)))),
        ("Resolution", Object(Req("caseId", String()), Req("action", String()), Req("resolvedBy", String()), Req("resolvedAt", Time()))),
        ("Alarm", Object(
            Req("alarmId", String()), Req("agentId", String()), Req("rule", String()), Req("key", String()), Req("severity", Enum<AlarmSeverity>()),
            Req("title", String()), Req("evidence", Map(String())), Req("runbook", String()), Req("owner", String()), Req("raisedAt", Time()),
            Req("state", Enum<AlarmState>()), Req("acknowledgedBy", Nullable(String())), Req("acknowledgedAt", Nullable(Time())), Req("comment", Nullable(String())))),
        ("AlarmPage", Page("Alarm")),
        ("AcknowledgeRequest", Object(Opt("comment", String(ApiFields.MaxTextLength)))),
        ("AuditEntry", Object(
            Req("sequence", Integer()), Req("at", Time()), Req("actor", String()), Req("recordType", String()), Req("recordId", String()),
            Req("action", String()), Req("oldValue", Nullable(String())), Req("newValue", Nullable(String())), Req("reason", Nullable(String())),
            Req("previousHash", String()), Req("hash", String()))),
        ("AuditPage", Page("AuditEntry")),
        ("AuditVerification", Object(
            Req("valid", Boolean()), Req("summary", String()), Req("entriesChecked", Integer()), Req("firstSequence", Integer()), Req("headSequence", Integer()),
            Req("checkpointsChecked", Integer()),
            Req("problems", Array(Object(Req("kind", Enum<AuditProblemKind>()), Req("sequence", Integer()), Req("message", String())))))),
    ];

    private static Property[] Agent() =>
    [
        Req("agentId", String()), Req("useCaseId", String()), Req("scope", String()), Req("stage", Enum<Stage>()), Req("stageSince", Time()),
    ];

    private static Property[] Decision() =>
    [
        Req("caseId", String()), Req("agentId", String()), Req("occurredAt", Time()), Req("features", Map(Number())),
        Req("qualityFlags", Array(Object(Req("feature", String()), Req("problem", String()), Req("blocking", Boolean())))),
        Req("proposal", Object(
            Req("action", String()), Req("target", Nullable(String())), Req("value", Nullable(Number())), Req("confidence", Number()),
            Req("outOfDistribution", Boolean()), Req("severity", Enum<Severity>()), Req("modelVersion", String()), Req("latencyMs", Number()),
            Req("explanation", Array(Object(Req("feature", String()), Req("contribution", Number())))))),
        Req("stage", Enum<Stage>()), Req("disposition", Enum<Disposition>()), Req("reasons", Array(String())), Req("blockedBy", Nullable(String())),
        Req("decidedAt", Time()), Req("exception", Nullable(Ref("ExceptionItem"))),
    ];
}
