namespace Rung.Bench;

/// <summary>One measured step of the journal's anatomy: wall and CPU seconds over a number of decisions.</summary>
internal sealed record AnatomyStep(string Name, int Decisions, double WallSeconds, double CpuSeconds)
{
    public double WallMicros => WallSeconds * 1e6 / Decisions;

    public double CpuMicros => CpuSeconds * 1e6 / Decisions;
}
