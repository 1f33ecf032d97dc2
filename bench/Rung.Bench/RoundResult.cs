namespace Rung.Bench;

/// <summary>What one timed round measured. Times in seconds; the breakdown comes from the timing wrappers.</summary>
internal sealed record RoundResult(
    int Decisions,
    double WallSeconds,
    double CpuSeconds,
    double AppendSeconds,
    double MarkDeliveredSeconds,
    double ConnectorSeconds,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    IReadOnlyList<int> Dispositions)
{
    public double DecisionsPerSecond => Decisions / WallSeconds;

    public double DecisionsPerCpuSecond => Decisions / CpuSeconds;

    public double WallMicrosPerDecision => WallSeconds * 1e6 / Decisions;

    public double CpuMicrosPerDecision => CpuSeconds * 1e6 / Decisions;

    public double Per(double seconds) => seconds * 1e6 / Decisions;
}
