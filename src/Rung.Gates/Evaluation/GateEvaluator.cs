using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Gates.Economics;
using Rung.Gates.Readiness;

namespace Rung.Gates.Evaluation;

/// <summary>
/// Evaluates the gate above the agent's current rung on its evidence: Shadow and ApproveEach their own gates,
/// AutoWithExceptions the five-part gate into ProductionOwned, and ProductionOwned the same five-part gate again,
/// continuously, so that a criterion that stops holding names the stage to go back to. Pure: no I/O.
/// </summary>
public static class GateEvaluator
{
    /// <summary>Evaluates the gate for <paramref name="evidence"/>'s stage.</summary>
    /// <exception cref="InvalidOperationException">The agent is Paused or Retired: off the ladder, no gate applies.</exception>
    public static GateReport Evaluate(UseCaseDefinition useCase, GateEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(evidence);
        if (!TrustLadder.IsOnLadder(evidence.Stage))
        {
            throw new InvalidOperationException($"Agent '{evidence.AgentId}' is {evidence.Stage}, off the ladder: no gate applies. Resume it first.");
        }

        var t = GateThresholds.For(useCase);
        var owner = useCase.Business.Owner;
        var roi = RoiCalculator.Calculate(useCase.Business, [.. evidence.Cases.Where(c => c.OccurredAt >= evidence.Now - TimeSpan.FromDays(t.SteadyStateDays))], t.SteadyStateDays);
        var (from, criteria) = evidence.Stage switch
        {
            Stage.Shadow => (Stage.Shadow, ShadowGate.Evaluate(t, evidence)),
            Stage.ApproveEach => (Stage.ApproveEach, ApproveEachGate.Evaluate(t, evidence, owner)),
            _ => (Stage.AutoWithExceptions, ProductionGate.Evaluate(t, evidence, owner, roi)),
        };
        var readiness = ReadinessChecklist.Evaluate(useCase, evidence);
        return new GateReport(
            evidence.AgentId, useCase.Id, useCase.Name, owner, evidence.Stage, from, TrustLadder.Above(from)!.Value, evidence.Now,
            criteria.All(c => c.Passed), criteria, roi, readiness);
    }

    /// <summary>The earliest moment whose cases a gate at <paramref name="now"/> may read.</summary>
    public static DateTimeOffset EvidenceStart(UseCaseDefinition useCase, DateTimeOffset stageSince, DateTimeOffset? autoSince, DateTimeOffset now)
    {
        var t = GateThresholds.For(useCase);
        var steady = now - TimeSpan.FromDays(Math.Max(t.SteadyStateDays, 7 * ProductionGate.ChartWeeks));
        var earliest = autoSince is { } a && a < stageSince ? a : stageSince;
        return earliest < steady ? earliest : steady;
    }
}
