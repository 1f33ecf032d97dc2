namespace Rung.Bench.Api;

/// <summary>What one bounded load measured.</summary>
internal sealed record LoadResult(string Name, int Requests, int CasesPerRequest, int Failures, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double CasesPerSecond => Requests * CasesPerRequest / Elapsed.TotalSeconds;
}
