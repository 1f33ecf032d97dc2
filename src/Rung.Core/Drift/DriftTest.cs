namespace Rung.Core.Drift;

/// <summary>The test a <see cref="DriftDetector"/> applied to a feature.</summary>
public enum DriftTest
{
    /// <summary>Not tested: too few present values in the window, or none in the reference.</summary>
    NotTested,

    /// <summary>Two-sample Kolmogorov-Smirnov (numeric, small window): statistic D with a p-value.</summary>
    KolmogorovSmirnov,

    /// <summary>Chi-square homogeneity (categorical, small window): chi-square statistic with a p-value.</summary>
    ChiSquare,

    /// <summary>Wasserstein-1 divided by the reference std (numeric, large window): a distance.</summary>
    NormedWasserstein,

    /// <summary>Jensen-Shannon distance, base 2 (categorical, large window): a distance in [0, 1].</summary>
    JensenShannon,
}
