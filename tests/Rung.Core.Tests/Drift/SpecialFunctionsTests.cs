using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class SpecialFunctionsTests
{
    [Theory]
    // Kolmogorov distribution K(λ) = 1 - 2 Σ (-1)^(k-1) exp(-2k²λ²); the textbook critical values are
    // K(1.36) ≈ 0.95 and K(1.63) ≈ 0.99 (Smirnov's table). The exact digits below were summed with python3's
    // math module to 200 terms: K(0.5) = 0.036054756, K(1.0) = 0.730000328, K(1.36) = 0.950514123, K(1.63) = 0.990153635.
    [InlineData(0.5, 0.036054756335)]
    [InlineData(1.0, 0.730000328323)]
    [InlineData(1.36, 0.950514123245)]
    [InlineData(1.63, 0.990153635112)]
    public void KolmogorovCdf_KnownPoints_MatchTheSeries(double lambda, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.KolmogorovCdf(lambda), 9);
    }

    [Fact]
    public void KolmogorovCdf_BothSeriesAgreeWhereTheySwitch()
    {
        Assert.Equal(SpecialFunctions.KolmogorovCdf(1.1799999), SpecialFunctions.KolmogorovCdf(1.18), 6);
        Assert.Equal(0, SpecialFunctions.KolmogorovCdf(0));
        Assert.Equal(1, SpecialFunctions.KolmogorovCdf(10), 12);
    }

    [Theory]
    // Chi-square table critical values at the 5 % level: df 1 → 3.841, df 2 → 5.991, df 10 → 18.307.
    // Exact survival values (python3): df 1 erfc(√(x/2)) = 0.0500136838; df 2 exp(-x/2) = 0.0500116150;
    // df 10 exp(-y)·Σ_{k<5} y^k/k! with y = x/2 = 0.0500005891.
    [InlineData(3.841, 1, 0.0500136838)]
    [InlineData(5.991, 2, 0.0500116150)]
    [InlineData(18.307, 10, 0.0500005891)]
    public void ChiSquareSurvival_TableCriticalValues_GiveFivePercent(double statistic, int df, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.ChiSquareSurvival(statistic, df), 9);
    }

    [Fact]
    public void LogGamma_Factorials_MatchExactValues()
    {
        // Γ(n) = (n-1)!; Γ(1/2) = √π.
        Assert.Equal(Math.Log(120), SpecialFunctions.LogGamma(6), 12);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI)), SpecialFunctions.LogGamma(0.5), 12);
        Assert.Equal(Math.Log(3628800), SpecialFunctions.LogGamma(11), 11);
    }

    [Fact]
    public void RegularizedGamma_PPlusQIsOne_AndQOfOneIsExp()
    {
        // Q(1, x) = e^-x.
        Assert.Equal(Math.Exp(-2.5), SpecialFunctions.RegularizedGammaQ(1, 2.5), 12);
        Assert.Equal(1, SpecialFunctions.RegularizedGammaP(3.3, 1.7) + SpecialFunctions.RegularizedGammaQ(3.3, 1.7), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedGammaQ(0, 1));
    }
}
