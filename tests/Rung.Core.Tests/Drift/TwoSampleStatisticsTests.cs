using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class TwoSampleStatisticsTests
{
    private static readonly double[] A =
    [
        0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64,
        -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
    ];

    private static readonly double[] B =
    [
        2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52, -0.3,
    ];

    [Fact]
    public void KolmogorovSmirnov_TwoSmallSamples_GivesTheHandComputedDAndAsymptoticP()
    {
        // D = max |F_A - F_B| over the pooled values = 0.28 (computed in python3 by counting at every pooled value;
        // scipy.stats.ks_2samp gives the same D). p = Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D) with nₑ = 25·20/45
        // = 0.296420947 (Numerical Recipes' kstwo formula, summed in python3).
        var result = KolmogorovSmirnov.TwoSample(A, B);
        Assert.Equal(0.28, result.Statistic, 12);
        Assert.Equal(0.296420947, result.PValue, 8);
    }

    [Fact]
    public void KolmogorovSmirnov_IdenticalSamples_DIsZeroPIsOne()
    {
        var result = KolmogorovSmirnov.TwoSample(A, A);
        Assert.Equal(0, result.Statistic);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void KolmogorovSmirnov_DisjointSamples_DIsOne()
    {
        var result = KolmogorovSmirnov.TwoSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
        Assert.Equal(1, result.Statistic);
        // λ = (√5 + 0.12 + 0.11/√5)·1 = 2.405; Q_KS(2.405) = 2·exp(-2·2.405²) ≈ 1.9e-5.
        Assert.InRange(result.PValue, 1.5e-5, 2.5e-5);
    }

    [Fact]
    public void KolmogorovSmirnov_EmptySample_IsRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([double.NaN], [1.0]));
        Assert.Equal("a", e.ParamName);
    }

    [Fact]
    public void ChiSquareHomogeneity_TwoByThreeTable_MatchesHandComputation()
    {
        // Table [[10, 20, 30], [20, 20, 20]]: expected per cell = column total × row total / 120, giving
        // χ² = 5.3333 with df 2, p = exp(-χ²/2) = 0.0694834512 (python3; scipy.stats.chi2_contingency with
        // correction=False gives the same).
        var result = ChiSquare.Homogeneity([10, 20, 30], [20, 20, 20]);
        Assert.Equal(16.0 / 3.0, result.Statistic, 10);
        Assert.Equal(2, result.DegreesOfFreedom);
        Assert.Equal(0.0694834512, result.PValue, 9);
    }

    [Fact]
    public void ChiSquareHomogeneity_CategoryEmptyInBoth_IsDropped()
    {
        var result = ChiSquare.Homogeneity([10, 0, 20, 30], [20, 0, 20, 20]);
        Assert.Equal(2, result.DegreesOfFreedom);
        Assert.Equal(16.0 / 3.0, result.Statistic, 10);
    }

    [Fact]
    public void ChiSquareGoodnessOfFit_FairDieCounts_MatchesHandComputation()
    {
        // 60 rolls observed [5, 8, 9, 8, 10, 20] against a fair die (expected 10 each):
        // χ² = (25 + 4 + 1 + 4 + 0 + 100)/10 = 13.4, df 5; p = Q(2.5, 6.7) = 0.019905220 (scipy.stats.chisquare).
        var result = ChiSquare.GoodnessOfFit([5, 8, 9, 8, 10, 20], [1, 1, 1, 1, 1, 1]);
        Assert.Equal(13.4, result.Statistic, 10);
        Assert.Equal(5, result.DegreesOfFreedom);
        Assert.Equal(0.01990522, result.PValue, 6);
    }

    [Fact]
    public void Psi_FourFixedBins_MatchesHandComputation()
    {
        // Σ (c - r)·ln(c/r) with r = 0.25 each and c = [0.1, 0.2, 0.3, 0.4]
        // = -0.15·ln 0.4 - 0.05·ln 0.8 + 0.05·ln 1.2 + 0.15·ln 1.6 = 0.228217410 (python3).
        Assert.Equal(0.228217410, PopulationStabilityIndex.FromFractions([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]), 8);
    }

    [Fact]
    public void Psi_EmptyReferenceBin_UsesTheEpsilon()
    {
        // Reference [0.5, 0.5, 0] has its empty bin replaced by 1e-4: -0.1·ln 0.8 · 2 + (0.2 - 1e-4)·ln(0.2/1e-4)
        // = 1.564049112 (python3).
        Assert.Equal(1.564049112, PopulationStabilityIndex.FromCounts([50, 50, 0], [40, 40, 20]), 8);
        Assert.Equal(0, PopulationStabilityIndex.FromCounts([3, 5, 2], [30, 50, 20]), 12);
    }

    [Fact]
    public void Wasserstein_ShiftedSample_IsTheShift()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0 (the example in scipy's documentation).
        Assert.Equal(5.0, Wasserstein.Distance([0, 1, 3], [5, 6, 8]), 12);
        // ∫|F_a - F_b| for [1, 2, 3] against [1, 2, 3, 4]: 1/12 + 2/12 + 3/12 = 0.5.
        Assert.Equal(0.5, Wasserstein.Distance([1, 2, 3], [1, 2, 3, 4]), 12);
        // The 25/20 samples above: 0.6276 (python3, integrating the CDF difference between pooled values).
        Assert.Equal(0.6276, Wasserstein.Distance(A, B), 10);
    }

    [Fact]
    public void Wasserstein_Normed_DividesByTheReferenceStdWithAFloor()
    {
        Assert.Equal(2.5, Wasserstein.Normed([0, 1, 3], [5, 6, 8], referenceStd: 2), 12);
        Assert.Equal(5000, Wasserstein.Normed([0, 1, 3], [5, 6, 8], referenceStd: 0), 9);
    }

    [Fact]
    public void JensenShannon_KnownDistributions_MatchScipyBase2()
    {
        // scipy.spatial.distance.jensenshannon([1, 0], [0.5, 0.5]) = 0.464501404 in nats (scipy's documentation);
        // in base 2 divide by √ln 2: 0.5579230453.
        Assert.Equal(0.5579230453, JensenShannon.Distance([1, 0], [0.5, 0.5]), 9);
        // Disjoint support: 1 (scipy's documentation, base 2). Equal: 0.
        Assert.Equal(1, JensenShannon.Distance([1, 0, 0], [0, 1, 0]), 12);
        Assert.Equal(0, JensenShannon.Distance([2, 3, 5], [0.2, 0.3, 0.5]), 7);
        // [0.25, 0.25, 0.5] against [0.5, 0.25, 0.25]: 0.247544187 (python3).
        Assert.Equal(0.247544187, JensenShannon.Distance([0.25, 0.25, 0.5], [0.5, 0.25, 0.25]), 8);
    }

    [Fact]
    public void MultipleTesting_BonferroniAndBenjaminiHochberg_MatchRsPAdjust()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "bonferroni") = 0.04 0.16 0.12 0.02
        //    p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")         = 0.02 0.04 0.04 0.02
        // (BH by hand: sorted p·m/rank = 0.02, 0.02, 0.04, 0.04, then running minimum from the largest.)
        double[] p = [0.01, 0.04, 0.03, 0.005];
        AssertAll([0.04, 0.16, 0.12, 0.02], MultipleTesting.Bonferroni(p));
        AssertAll([0.02, 0.04, 0.04, 0.02], MultipleTesting.BenjaminiHochberg(p));
        AssertAll([1, 1], MultipleTesting.Bonferroni([0.6, 0.9]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Bonferroni([1.5]));
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}
