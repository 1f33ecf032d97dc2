namespace Rung.Core.Drift;

/// <summary>The drift verdict for one feature over one window.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Test">The test used.</param>
/// <param name="Statistic">KS: D; chi-square: the chi-square sum; distance tests: the distance. 0 when not tested.</param>
/// <param name="PValue">The raw p-value of a p-value test; null for distance tests.</param>
/// <param name="AdjustedPValue">The p-value after the multiple-testing correction; compared with the level.</param>
/// <param name="Psi">The population stability index on the reference bins (numeric) or categories.</param>
/// <param name="PsiNotable">PSI at or above the notable line.</param>
/// <param name="Drifted">The verdict of <paramref name="Test"/> against its threshold.</param>
/// <param name="WindowSize">Present values of the feature in the window.</param>
/// <param name="MissingRate">Share of window rows without the feature.</param>
/// <param name="ReferenceMissingRate">Same share in the reference.</param>
public sealed record FeatureDrift(
    string Feature,
    FeatureKind Kind,
    DriftTest Test,
    double Statistic,
    double? PValue,
    double? AdjustedPValue,
    double Psi,
    bool PsiNotable,
    bool Drifted,
    int WindowSize,
    double MissingRate,
    double ReferenceMissingRate);
