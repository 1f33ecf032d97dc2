using Rung.Core.Drift;
using Rung.Runtime.Monitoring;

namespace Rung.Bench.Drift;

/// <summary>
/// The PSI of a window that has wholly moved to the changed distribution: the most a change can ever reach.
/// The drift alarm needs PSI at the notable line (0.2), so a change whose full PSI stays under it is never
/// alarmed on, however long it lasts, and one just over it needs almost the whole window to have moved.
/// </summary>
internal static class PsiFloor
{
    public static IReadOnlyList<(string Change, double Psi)> Run(int referenceRows, int draws)
    {
        var reference = SyntheticStream.Reference(InputDriftDelay.Features, referenceRows, 1_000_000 + InputDriftDelay.Features);
        var profile = reference.Numeric[SyntheticStream.ShiftedFeature];
        var gaussian = new Gaussian(99);
        var results = new List<(string, double)>();
        foreach (var shift in new[] { 0.3, 0.4, 0.45, 0.5, 0.75, 1.0 })
        {
            results.Add(($"mean +{shift:0.##} std", Numeric(profile, gaussian, draws, shift, 1)));
        }

        foreach (var factor in new[] { 1.25, 1.5, 2.0 })
        {
            results.Add(($"std x{factor:0.##}", Numeric(profile, gaussian, draws, 0, factor)));
        }

        var actions = reference.Categorical[AgentMonitor.ActionFeature];
        foreach (var share in new[] { 0.01, 0.02, 0.05, 0.1 })
        {
            var categories = actions.Counts.Keys.Append(SyntheticStream.NewAction).ToArray();
            var referenceCounts = categories.Select(c => actions.Counts.GetValueOrDefault(c)).ToArray();
            var currentCounts = categories.Select(c => c == SyntheticStream.NewAction ? (long)(share * draws) : (long)(actions.Counts[c] / (double)actions.Total * (1 - share) * draws)).ToArray();
            results.Add(($"new action {share * 100:0} %", PopulationStabilityIndex.FromCounts(referenceCounts, currentCounts)));
        }

        return results;
    }

    private static double Numeric(NumericFeatureProfile profile, Gaussian gaussian, int draws, double shift, double factor)
    {
        var values = new double[draws];
        for (var i = 0; i < draws; i++)
        {
            values[i] = profile.Mean + (profile.Std * ((gaussian.Next() * factor) + shift));
        }

        return PopulationStabilityIndex.FromFractions(profile.BinFractions, [.. profile.BinCounts(values).Select(c => (double)c)]);
    }
}
