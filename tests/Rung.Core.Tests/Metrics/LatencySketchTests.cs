using Rung.Core.Metrics;

namespace Rung.Core.Tests.Metrics;

public sealed class LatencySketchTests
{
    private static double[] LogNormalLatencies(int seed, int count)
    {
        // Median e^3 ≈ 20 ms with a long right tail, like decision latencies.
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = Math.Exp(3 + z);
        }

        return values;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void Quantile_LogNormal_IsWithinTheRelativeAccuracyOfTheExactOrderStatistic(double q)
    {
        var values = LogNormalLatencies(seed: 3, count: 100_000);
        var sketch = new LatencySketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        Array.Sort(values);
        var exact = values[(int)Math.Floor(q * (values.Length - 1))];
        var relativeError = Math.Abs(sketch.Quantile(q) - exact) / exact;
        Assert.True(relativeError <= 0.01, $"q {q}: sketch {sketch.Quantile(q)}, exact {exact}, error {relativeError:P3}");
    }

    [Fact]
    public void Merge_TwoHalves_AnswersAsOneSketch()
    {
        var values = LogNormalLatencies(seed: 4, count: 20_000);
        var whole = new LatencySketch();
        var left = new LatencySketch();
        var right = new LatencySketch();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Add(values[i]);
            (i % 2 == 0 ? left : right).Add(values[i]);
        }

        left.Merge(right);
        Assert.Equal(whole.Count, left.Count);
        Assert.Equal(whole.Min, left.Min);
        Assert.Equal(whole.Max, left.Max);
        foreach (var q in new[] { 0.0, 0.5, 0.95, 0.99, 1.0 })
        {
            Assert.Equal(whole.Quantile(q), left.Quantile(q));
        }

        Assert.Throws<ArgumentException>(() => left.Merge(new LatencySketch(relativeAccuracy: 0.02)));
    }

    [Fact]
    public void Quantile_Extremes_AreTheExactMinAndMax()
    {
        var sketch = new LatencySketch();
        sketch.Add(TimeSpan.FromMilliseconds(12.5));
        sketch.Add(0);
        sketch.Add(1e9);
        Assert.Equal(0, sketch.Quantile(0));
        Assert.InRange(sketch.Quantile(0.5), 12.5 * 0.99, 12.5 * 1.01);
        Assert.Equal(1e9, sketch.Quantile(1));
        Assert.Equal(0, new LatencySketch().P99);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(double.NaN));
    }

    [Fact]
    public void BucketCount_DefaultSettings_IsAboutElevenHundred()
    {
        // log(10^10) / log(1.01/0.99) = 23.03 / 0.0400 ≈ 1151 buckets.
        Assert.InRange(new LatencySketch().BucketCount, 1140, 1160);
    }
}
