namespace Rung.Bench.Drift;

/// <summary>
/// A change in the synthetic stream from its onset on. The shifted numeric feature is <see cref="SyntheticStream.ShiftedFeature"/>;
/// a new category appears in the proposed action.
/// </summary>
/// <param name="Name">How the table names it.</param>
/// <param name="MeanShift">Mean shift in reference standard deviations, reached after <paramref name="RampCases"/>.</param>
/// <param name="StdFactor">Standard deviation multiplier.</param>
/// <param name="NewCategoryShare">Share of cases whose proposed action is one never seen in the reference.</param>
/// <param name="RampCases">0 for a step change; otherwise the mean moves linearly over this many cases, then stays.</param>
internal sealed record DriftScenario(string Name, double MeanShift = 0, double StdFactor = 1, double NewCategoryShare = 0, int RampCases = 0)
{
    public static DriftScenario None { get; } = new("stationary");

    public static IReadOnlyList<DriftScenario> All { get; } =
    [
        new("mean +0.5 std", MeanShift: 0.5),
        new("mean +1 std", MeanShift: 1),
        new("std x2", StdFactor: 2),
        new("new action 10 %", NewCategoryShare: 0.1),
        new("gradual +1 std / 5,000", MeanShift: 1, RampCases: 5_000),
    ];

    /// <summary>True when the change shows in the proposed action rather than in a numeric input.</summary>
    public bool IsCategorical => NewCategoryShare > 0;

    /// <summary>The mean shift <paramref name="casesAfterOnset"/> cases after the onset (0 before it).</summary>
    public double ShiftAt(long casesAfterOnset) =>
        casesAfterOnset < 0 ? 0 : RampCases == 0 ? MeanShift : MeanShift * Math.Min(1.0, (casesAfterOnset + 1) / (double)RampCases);
}
