using Xunit.Abstractions;
using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class EstimatedAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_PoolsViolatorsIntoAMonotoneMap()
    {
        // Pool-adjacent-violators by hand: y at x = 0.1, 0.2, 0.3, 0.4 is 1, 0, 1, 1; the first two violate order
        // and pool to 0.5, so the map is 0.5 at 0.1..0.2 and 1 from 0.3.
        var calibration = IsotonicCalibration.Fit([(0.1, true), (0.2, false), (0.3, true), (0.4, true)]);
        Assert.Equal(0.5, calibration.Apply(0.1), 12);
        Assert.Equal(0.5, calibration.Apply(0.2), 12);
        Assert.Equal(0.75, calibration.Apply(0.25), 12);
        Assert.Equal(1, calibration.Apply(0.35), 12);
        Assert.Equal(0.5, calibration.Apply(0.0), 12);
        Assert.Equal(1, calibration.Apply(0.9), 12);
    }

    [Fact]
    public void Fit_NoPairs_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([]));
        Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([(double.NaN, true)]));
    }

    [Fact]
    public void Estimate_OverconfidentModelAfterAShift_TracksTheMeasuredAccuracy()
    {
        // The model says c but is right with probability c² (overconfident); the calibration learns that from
        // labelled reference cases. Then the live confidences fall: raw mean confidence overstates accuracy, the
        // calibrated estimate matches what the labels later show.
        var random = new Random(21);
        var reference = new List<(double, bool)>();
        for (var i = 0; i < 20_000; i++)
        {
            var c = 0.5 + (0.5 * random.NextDouble());
            reference.Add((c, random.NextDouble() < c * c));
        }

        var calibration = IsotonicCalibration.Fit(reference);
        var estimator = new EstimatedAccuracy(calibration, window: 2000);
        var correct = 0;
        var rawSum = 0.0;
        for (var i = 0; i < 2000; i++)
        {
            var c = 0.55 + (0.2 * random.NextDouble());
            estimator.Add(c);
            rawSum += c;
            correct += random.NextDouble() < c * c ? 1 : 0;
        }

        var measured = correct / 2000.0;
        var raw = rawSum / 2000;
        output.WriteLine($"estimated {estimator.Estimate:F4}, measured {measured:F4}, raw mean confidence {raw:F4}");
        // True expected accuracy: E[c²] for c ~ U(0.55, 0.75) = 0.4258; the sampling error of 2000 labels is ±0.011.
        Assert.InRange(estimator.Estimate!.Value, measured - 0.03, measured + 0.03);
        Assert.InRange(estimator.Estimate!.Value, 0.4258 - 0.02, 0.4258 + 0.02);
        Assert.True(raw - measured > 0.15, "the raw confidence should overstate accuracy, which is why calibration is needed");
    }

    [Fact]
    public void Estimate_RollingWindow_ForgetsOldDecisions()
    {
        var calibration = new IsotonicCalibration([0, 1], [0, 1]);
        var estimator = new EstimatedAccuracy(calibration, window: 10);
        Assert.Null(estimator.Estimate);
        for (var i = 0; i < 10; i++)
        {
            estimator.Add(0.2);
        }

        for (var i = 0; i < 10; i++)
        {
            estimator.Add(0.9);
        }

        Assert.Equal(0.9, estimator.Estimate!.Value, 12);
        Assert.Equal(0.55, EstimatedAccuracy.Of(calibration, [0.2, 0.9]), 12);
    }
}
