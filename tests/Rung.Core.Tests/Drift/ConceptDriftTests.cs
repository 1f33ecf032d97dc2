using Xunit.Abstractions;
using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class ConceptDriftTests(ITestOutputHelper output)
{
    public static TheoryData<string> Detectors => ["adwin", "page-hinkley"];

    private static IConceptDriftDetector Create(string name) => name switch
    {
        "adwin" => new Adwin(),
        "page-hinkley" => new PageHinkley(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Feeds <paramref name="count"/> Bernoulli errors; returns the index of the first alarm, or -1.</summary>
    private static int Feed(IConceptDriftDetector detector, Random random, int count, double errorRate)
    {
        for (var i = 0; i < count; i++)
        {
            if (detector.Add(random.NextDouble() < errorRate))
            {
                return i;
            }
        }

        return -1;
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Add_100000StationaryCasesAtFivePercent_RaisesNoAlarm(string name)
    {
        var detector = Create(name);
        var first = Feed(detector, new Random(7), 100_000, 0.05);
        Assert.Equal(-1, first);
        Assert.Equal(0, detector.Detections);
        Assert.Equal(100_000, detector.Count);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Add_ErrorRateJumpsFromFiveToTwentyPercent_DetectsWithinABoundedDelay(string name)
    {
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var detector = Create(name);
            var random = new Random(seed);
            Assert.Equal(-1, Feed(detector, random, 10_000, 0.05));
            var delay = Feed(detector, random, 2_000, 0.20);
            output.WriteLine($"{name} seed {seed}: detected {delay} cases after the jump");
            // Measured at these seeds: ADWIN 47 to 143 cases, Page-Hinkley 235 to 352; the bound leaves room for other seeds.
            Assert.InRange(delay, 0, 1000);
        }
    }

    [Fact]
    public void Adwin_AfterAJump_ShrinksItsWindowToTheNewRegime()
    {
        var adwin = new Adwin();
        var random = new Random(11);
        Feed(adwin, random, 20_000, 0.05);
        Assert.InRange(adwin.Mean, 0.04, 0.06);
        for (var i = 0; i < 3_000; i++)
        {
            adwin.Add(random.NextDouble() < 0.30);
        }

        Assert.True(adwin.Detections >= 1);
        // The 20,000 old cases are gone, bar the few sharing a bucket with the first new ones.
        Assert.True(adwin.Width < 3_500, $"width {adwin.Width}");
        Assert.InRange(adwin.Mean, 0.25, 0.35);
    }

    [Fact]
    public void Adwin_LongStream_KeepsLogarithmicBuckets()
    {
        var adwin = new Adwin();
        var random = new Random(12);
        Feed(adwin, random, 1_000_000, 0.05);
        // 5 + 1 buckets per power of two at most: log2(10^6) ≈ 20 rows.
        Assert.InRange(adwin.BucketCount, 1, 6 * 21);
        Assert.True(adwin.Width > 100_000);
    }

    [Fact]
    public void Adwin_MeanOfWindow_IsExactWithoutChange()
    {
        var adwin = new Adwin();
        for (var i = 0; i < 1000; i++)
        {
            adwin.Add(i % 4 == 0);
        }

        Assert.Equal(1000, adwin.Width);
        Assert.Equal(0.25, adwin.Mean, 12);
    }

    [Fact]
    public void PageHinkley_HandTrace_SignalsWhenTheSumPassesTheThreshold()
    {
        // minInstances 1, δ 0, λ 1, α 1: x = 0, 0, 1, 1, 1.
        // means 0, 0, 1/3, 1/2, 3/5; S = 0, 0, 2/3, 2/3 + 1/2 = 7/6 > 1 → signal at the 4th value.
        var ph = new PageHinkley(minInstances: 1, delta: 0, threshold: 1, alpha: 1);
        Assert.False(ph.Add(false));
        Assert.False(ph.Add(false));
        Assert.False(ph.Add(true));
        Assert.Equal(2.0 / 3.0, ph.Statistic, 12);
        Assert.True(ph.Add(true));
        Assert.Equal(7.0 / 6.0, ph.Statistic, 12);
        // Starts afresh after a signal.
        Assert.False(ph.Add(true));
        Assert.Equal(0, ph.Statistic);
        Assert.Equal(1, ph.Mean);
    }

    [Fact]
    public void PageHinkley_FallingErrorRate_IsNotAnAlarm()
    {
        var ph = new PageHinkley();
        var random = new Random(13);
        Assert.Equal(-1, Feed(ph, random, 10_000, 0.05));
        Assert.Equal(-1, Feed(ph, random, 20_000, 0.005));
    }

    [Fact]
    public void Detectors_NonFiniteValue_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin().Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley().Add(double.PositiveInfinity));
    }
}
