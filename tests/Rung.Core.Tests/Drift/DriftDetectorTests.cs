using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class DriftDetectorTests
{
    private static readonly (string, double)[] ReferenceShares = [("hold", 0.5), ("release", 0.3), ("scrap", 0.2)];
    private static readonly (string, double)[] ShiftedShares = [("hold", 0.3), ("release", 0.3), ("scrap", 0.4)];

    private static readonly DriftDetector Detector = new(Reference());

    private static ReferenceProfile Reference() =>
        ReferenceProfile.Build(
            "v3",
            Samples.NumericRows("temperature", Samples.Normal(seed: 1, count: 10_000, mean: 70, std: 5)),
            Samples.CategoricalRows("action", Samples.Categories(seed: 2, count: 10_000, ReferenceShares)));

    private static DriftReport Window(int seed, int size, double mean, (string, double)[] shares) =>
        Detector.Evaluate(
            Samples.NumericRows("temperature", Samples.Normal(seed, size, mean, std: 5)),
            Samples.CategoricalRows("action", Samples.Categories(seed + 1000, size, shares)));

    [Fact]
    public void Evaluate_SmallWindow_UsesKsAndChiSquare()
    {
        var report = Window(seed: 10, size: 500, mean: 70, ReferenceShares);
        Assert.Equal(DriftTest.KolmogorovSmirnov, report.Features.Single(f => f.Feature == "temperature").Test);
        Assert.Equal(DriftTest.ChiSquare, report.Features.Single(f => f.Feature == "action").Test);
        Assert.All(report.Features, f => Assert.Equal(500, f.WindowSize));
    }

    [Fact]
    public void Evaluate_LargeWindow_UsesNormedWassersteinAndJensenShannon()
    {
        var report = Window(seed: 11, size: 1001, mean: 70, ReferenceShares);
        Assert.Equal(DriftTest.NormedWasserstein, report.Features.Single(f => f.Feature == "temperature").Test);
        Assert.Equal(DriftTest.JensenShannon, report.Features.Single(f => f.Feature == "action").Test);
        Assert.All(report.Features, f => Assert.Null(f.PValue));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(5000)]
    public void Evaluate_SameDistribution_FlagsNothing(int size)
    {
        var report = Window(seed: 20, size, mean: 70, ReferenceShares);
        Assert.False(report.AnyDrifted, string.Join("; ", report.Features));
        Assert.All(report.Features, f => Assert.False(f.PsiNotable));
        Assert.All(report.Features, f => Assert.InRange(f.Psi, 0, 0.05));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(5000)]
    public void Evaluate_MeanShiftedByOneStd_FlagsTheFeature(int size)
    {
        var report = Window(seed: 30, size, mean: 75, ShiftedShares);
        var temperature = report.Features.Single(f => f.Feature == "temperature");
        var action = report.Features.Single(f => f.Feature == "action");
        Assert.True(temperature.Drifted, temperature.ToString());
        Assert.True(action.Drifted, action.ToString());
        // A one-std shift of a normal moves about a third of the mass across deciles: PSI far above 0.2.
        Assert.True(temperature.PsiNotable, temperature.ToString());
        Assert.Equal(1, report.DriftedShare);
        if (size > 1000)
        {
            // W₁ between N(μ, σ) and N(μ + σ, σ) is exactly σ, so the normed distance is about 1.
            Assert.InRange(temperature.Statistic, 0.9, 1.1);
        }
    }

    [Fact]
    public void Evaluate_BonferroniOverTwoFeatures_DoublesThePValue()
    {
        var report = Window(seed: 40, size: 200, mean: 70.8, ReferenceShares);
        var temperature = report.Features.Single(f => f.Feature == "temperature");
        Assert.NotNull(temperature.PValue);
        Assert.Equal(Math.Min(1, temperature.PValue!.Value * 2), temperature.AdjustedPValue!.Value, 12);
        Assert.Equal(temperature.AdjustedPValue < 0.05, temperature.Drifted);
    }

    [Fact]
    public void Evaluate_FeatureMissingFromTheWindow_IsNotTestedAndReportsItsMissingRate()
    {
        var report = Detector.Evaluate(Samples.NumericRows("pressure", [1, 2, 3]));
        var temperature = report.Features.Single(f => f.Feature == "temperature");
        Assert.Equal(DriftTest.NotTested, temperature.Test);
        Assert.Equal(1, temperature.MissingRate);
        Assert.False(report.AnyDrifted);
    }

    [Fact]
    public void Evaluate_CategoryUnseenInTheReference_CountsAsDrift()
    {
        var report = Window(seed: 50, size: 400, mean: 70, [("hold", 0.4), ("release", 0.2), ("scrap", 0.2), ("rework", 0.2)]);
        var action = report.Features.Single(f => f.Feature == "action");
        Assert.True(action.Drifted);
        Assert.True(action.PsiNotable);
    }

    [Fact]
    public void Thresholds_Configurable_ChangeTheVerdict()
    {
        var strict = new DriftDetector(Reference(), DriftThresholds.Default with { NormedWasserstein = 0.01, LargeWindow = 100 });
        var report = strict.Evaluate(Samples.NumericRows("temperature", Samples.Normal(seed: 60, count: 2000, mean: 70.5, std: 5)));
        Assert.True(report.Features.Single(f => f.Feature == "temperature").Drifted);
    }
}
