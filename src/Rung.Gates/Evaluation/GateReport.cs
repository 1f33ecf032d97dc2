using Rung.Core.Ladder;
using Rung.Gates.Economics;
using Rung.Gates.Readiness;

namespace Rung.Gates.Evaluation;

/// <summary>A gate evaluated on stored evidence: the verdict first, then each criterion, the business case and the readiness checklist.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="UseCaseId">Its use case.</param>
/// <param name="UseCaseName">The use case's title.</param>
/// <param name="Owner">The named operations owner.</param>
/// <param name="Stage">The agent's stage when evaluated.</param>
/// <param name="From">The gate's lower rung.</param>
/// <param name="To">The gate's upper rung.</param>
/// <param name="EvaluatedAt">When (UTC).</param>
/// <param name="Passed">True when every criterion holds.</param>
/// <param name="Criteria">Each criterion with its evidence.</param>
/// <param name="Economics">The return calculation at measured steady-state volume.</param>
/// <param name="Readiness">The readiness checklist.</param>
public sealed record GateReport(
    string AgentId,
    string UseCaseId,
    string UseCaseName,
    string Owner,
    Stage Stage,
    Stage From,
    Stage To,
    DateTimeOffset EvaluatedAt,
    bool Passed,
    IReadOnlyList<CriterionResult> Criteria,
    RoiCalculation Economics,
    IReadOnlyList<ReadinessItem> Readiness)
{
    /// <summary>"PASS" or "FAIL".</summary>
    public string Verdict => Passed ? "PASS" : "FAIL";

    /// <summary>The lowest stage a failed criterion names, or null when the gate passed.</summary>
    public Stage? ReturnTo => Criteria.Where(c => !c.Passed).Select(c => (Stage?)c.ReturnTo).Min();

    /// <summary>The verdict in one line, for consoles and logs.</summary>
    public string Headline => Passed
        ? $"{Verdict} {From} -> {To}: all {Criteria.Count} criteria hold"
        : $"{Verdict} {From} -> {To}: {string.Join("; ", Criteria.Where(c => !c.Passed).Select(c => $"{c.Name} (back to {c.ReturnTo})"))}";
}
