namespace Rung.Bench;

/// <summary>The measured rounds of one scenario; each figure reported is the median over its rounds.</summary>
internal sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<RoundResult> Rounds)
{
    public double Median(Func<RoundResult, double> figure)
    {
        var values = Rounds.Select(figure).Order().ToArray();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    public int Decisions => (int)Median(r => r.Decisions);

    public double DecisionsPerSecond => Median(r => r.DecisionsPerSecond);

    public double DecisionsPerCpuSecond => Median(r => r.DecisionsPerCpuSecond);

    public double WallMicros => Median(r => r.WallMicrosPerDecision);

    public double CpuMicros => Median(r => r.CpuMicrosPerDecision);
}
