namespace Rung.Simulation.Randomness;

/// <summary>
/// Separates the random streams of different simulated actors. Values are part of the
/// reproducibility contract: changing one changes every simulated history.
/// </summary>
internal enum StreamPurpose : ulong
{
    ProductionDay = 1,
    Operator = 2,
    Approver = 3,
    ApproverReason = 4,
    ExceptionHandler = 5,
    ExceptionDelay = 6,
}
