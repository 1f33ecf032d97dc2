using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Journal;

namespace Rung.Storage.Tests;

/// <summary>Builders for journal records with sensible defaults.</summary>
internal static class TestJournal
{
    public const string AgentId = "line3-quality";

    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static AgentRecord Agent(string agentId = AgentId, Stage stage = Stage.Shadow, DateTimeOffset? at = null) =>
        new(agentId, "uc-" + agentId, "acme/plant1/assembly/line3", stage, at ?? T0, $$"""{"id":"{{agentId}}"}""");

    public static StageChange Initial(string agentId = AgentId, Stage stage = Stage.Shadow, DateTimeOffset? at = null) =>
        new(agentId, stage, stage, StageChangeKind.Initial, at ?? T0, "system", "Agent created.", new Dictionary<string, string>());

    public static StageChange Change(Stage from, Stage to, DateTimeOffset at, StageChangeKind kind = StageChangeKind.Promotion, string agentId = AgentId) =>
        new(agentId, from, to, kind, at, kind == StageChangeKind.Demotion ? "system" : "owner", $"{from} to {to}.", new Dictionary<string, string> { ["accuracy"] = "0.95" });

    public static DecisionRecord Decision(
        string caseId,
        DateTimeOffset occurredAt,
        Disposition disposition = Disposition.Logged,
        string action = "scrap",
        string agentId = AgentId,
        double confidence = 0.97,
        TimeSpan? exceptionAge = null,
        TimeSpan? dueAfter = null)
    {
        var @case = new Case(caseId, agentId, occurredAt, new FeatureVector(new Dictionary<string, double> { ["torque"] = 12.5, ["temp"] = 80.25 }));
        var proposal = new Proposal(new ProposedAction(action), confidence, false, Severity.Medium, [new FeatureContribution("torque", 0.4)], "v1.0.0", TimeSpan.FromMilliseconds(3));
        var reasons = disposition == Disposition.Excepted ? new[] { "Confidence below 0.9." } : [];
        var decision = new PolicyDecision(disposition, reasons, disposition == Disposition.Blocked ? "range:scrap" : null);
        ExceptionItem? item = disposition == Disposition.Excepted
            ? new ExceptionItem(caseId, agentId, "Confidence below 0.9.", occurredAt + (exceptionAge ?? TimeSpan.Zero), occurredAt + (exceptionAge ?? TimeSpan.Zero) + (dueAfter ?? TimeSpan.FromHours(4)))
            : null;
        return new DecisionRecord(@case, proposal, Stage.AutoWithExceptions, decision, occurredAt + TimeSpan.FromMilliseconds(5), item);
    }

    public static StoredOutcome Outcome(string caseId, OutcomeSource source, DateTimeOffset at, bool correct, Severity? severity = null) =>
        new(
            new Outcome(caseId, source, correct ? "scrap" : "pass", at, "qc-lab"),
            new Judgement(caseId, correct, correct ? null : severity ?? Severity.Medium, "scrap", correct ? "scrap" : "pass", at));
}
