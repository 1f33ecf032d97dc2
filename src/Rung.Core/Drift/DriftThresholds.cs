namespace Rung.Core.Drift;

/// <summary>
/// When a feature counts as drifted. The defaults follow Evidently's per-column defaults, with PSI reported on
/// every feature.
/// </summary>
/// <param name="LargeWindow">
/// Window size (present values of the feature) above which distance measures replace p-value tests. Default
/// 1,000: beyond it KS and chi-square flag differences too small to matter.
/// </param>
/// <param name="PValue">Level for KS and chi-square, compared with the corrected p-value. Default 0.05.</param>
/// <param name="Correction">Correction over the features tested by p-value. Default Bonferroni.</param>
/// <param name="NormedWasserstein">Drift when Wasserstein-1 / reference std reaches this. Default 0.1.</param>
/// <param name="JensenShannon">Drift when the Jensen-Shannon distance (base 2) reaches this. Default 0.1.</param>
/// <param name="NotablePsi">PSI at or above which the report calls the shift notable. Default 0.2.</param>
/// <param name="PsiEpsilon">Share that replaces an empty bin in PSI. Default 1e-4.</param>
/// <param name="MinimumWindow">Fewer present values than this and the feature is not tested. Default 30.</param>
public sealed record DriftThresholds(
    int LargeWindow = 1000,
    double PValue = 0.05,
    MultipleTestingCorrection Correction = MultipleTestingCorrection.Bonferroni,
    double NormedWasserstein = 0.1,
    double JensenShannon = 0.1,
    double NotablePsi = 0.2,
    double PsiEpsilon = PopulationStabilityIndex.DefaultEpsilon,
    int MinimumWindow = 30)
{
    /// <summary>The defaults.</summary>
    public static DriftThresholds Default { get; } = new();
}
