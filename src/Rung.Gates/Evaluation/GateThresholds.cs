using Rung.Core.Ladder;
using Rung.Core.UseCases;

namespace Rung.Gates.Evaluation;

/// <summary>Every gate threshold of one use case, defaults filled in (see <see cref="GateDefinition"/> for each default).</summary>
public sealed record GateThresholds(
    int ShadowMinVolume,
    double ShadowMinAgreement,
    double ShadowMinClassAgreement,
    int ShadowMinClassVolume,
    int ApproveMinVolume,
    double ApproveMinRate,
    int Weeks,
    int MinLabelledPerWeek,
    double AccuracyFloor,
    double MinWriteSuccessRate,
    int MinRestarts,
    int AcknowledgedDays,
    int AcknowledgedWindowDays,
    double MinReturn,
    int SteadyStateDays,
    TimeSpan CatchWithin)
{
    /// <summary>The thresholds the use case declares, with Rung's defaults for the rest.</summary>
    public static GateThresholds For(UseCaseDefinition useCase)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        var gates = useCase.Gates ?? GateDefinition.Default;
        var floor = useCase.Agent.Slo.AccuracyFloor;
        var shadow = useCase.Agent.Promotion.FirstOrDefault(p => p.From == Stage.Shadow);
        var approve = useCase.Agent.Promotion.FirstOrDefault(p => p.From == Stage.ApproveEach);
        var agreement = gates.Shadow.MinAgreement ?? shadow?.MinAccuracy ?? floor;
        return new GateThresholds(
            gates.Shadow.MinVolume ?? shadow?.MinLabelledCases ?? 1000,
            agreement,
            gates.Shadow.MinClassAgreement ?? Math.Max(0, agreement - 0.05),
            gates.Shadow.MinClassVolume ?? 30,
            gates.ApproveEach.MinVolume ?? approve?.MinLabelledCases ?? 1000,
            gates.ApproveEach.MinApproveRate ?? approve?.MinAccuracy ?? floor,
            gates.Production.Weeks ?? 3,
            gates.Production.MinLabelledPerWeek ?? 200,
            floor,
            gates.Production.MinWriteSuccessRate ?? 0.999,
            gates.Production.MinRestarts ?? 1,
            gates.Production.AcknowledgedDays ?? 10,
            gates.Production.AcknowledgedWindowDays ?? 21,
            gates.Production.MinReturn ?? 3.0,
            gates.Production.SteadyStateDays ?? 28,
            gates.Production.CatchWithin ?? TimeSpan.FromDays(7));
    }
}
