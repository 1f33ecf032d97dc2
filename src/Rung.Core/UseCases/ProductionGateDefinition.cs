namespace Rung.Core.UseCases;

/// <summary>Thresholds of the five-part gate out of AutoWithExceptions into ProductionOwned.</summary>
/// <param name="Weeks">Consecutive weeks accuracy must hold at or above the SLO floor; default 3.</param>
/// <param name="MinLabelledPerWeek">Labelled cases each of those weeks; default 200.</param>
/// <param name="MinWriteSuccessRate">Committed actions confirmed delivered over committed actions; default 0.999.</param>
/// <param name="MinRestarts">Recorded connector restarts or outages with nothing lost or duplicated; default 1.</param>
/// <param name="AcknowledgedDays">Days on which the owner acknowledged the daily summary; default 10.</param>
/// <param name="AcknowledgedWindowDays">The window those days are counted in, ending now; default 21.</param>
/// <param name="MinReturn">Monthly value over monthly run cost at steady-state volume; default 3.0 (exactly 3.0 passes).</param>
/// <param name="SteadyStateDays">The days the steady-state volume is measured over, ending now; default 28.</param>
/// <param name="CatchWithin">A committed action must be labelled within this time, or it counts as silent; default 7 days.</param>
public sealed record ProductionGateDefinition(
    int? Weeks = null,
    int? MinLabelledPerWeek = null,
    double? MinWriteSuccessRate = null,
    int? MinRestarts = null,
    int? AcknowledgedDays = null,
    int? AcknowledgedWindowDays = null,
    double? MinReturn = null,
    int? SteadyStateDays = null,
    TimeSpan? CatchWithin = null);
