using Rung.Core.Drift;
using Rung.Core.Metrics;
using Rung.Core.Proposals;
using Xunit.Abstractions;

namespace Rung.Core.Tests.Metrics;

public sealed class BoundedMemoryTests(ITestOutputHelper output)
{
    private const int Volume = 10_000_000;

    [Fact]
    public void TenMillionValues_ThroughSketchRollingMetricsAndDetectors_AllocateNothingAfterWarmUp()
    {
        var sketch = new LatencySketch();
        var accuracy = new RollingAccuracy();
        var approvals = new RollingApprovals();
        var exceptions = new RollingRate(100);
        var throughput = new ThroughputCounter();
        var adwin = new Adwin();
        var pageHinkley = new PageHinkley();
        string[] classes = ["hold", "release", "scrap"];
        string[] reasons = ["wrong grade", "late", "unsafe"];
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(5);

        void Step(long i)
        {
            var wrong = random.NextDouble() < 0.05;
            sketch.Add(random.NextDouble() * 200);
            accuracy.Add(classes[i % 3], (Severity)(i % 3), !wrong);
            if (wrong)
            {
                approvals.Reject(reasons[i % 3]);
            }
            else
            {
                approvals.Approve();
            }

            exceptions.Add(wrong);
            throughput.Add(start.AddTicks(i * TimeSpan.TicksPerMillisecond * 10));
            adwin.Add(wrong);
            pageHinkley.Add(wrong);
        }

        for (long i = 0; i < 100_000; i++)
        {
            Step(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (long i = 100_000; i < Volume; i++)
        {
            Step(i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"allocated {allocated} bytes over {Volume - 100_000} values");

        // ADWIN adds one small bucket row each time its window doubles (about 7 more rows from 10^5 to 10^7), and
        // the runtime may allocate a little while it recompiles hot methods. Anything that kept per-value state
        // would allocate at least 8 bytes per value, 80 MB here.
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes over {Volume - 100_000} values");
        Assert.Equal(Volume, sketch.Count);
        Assert.Equal(100, accuracy.Overall.Count);
        Assert.InRange(sketch.P99, 196, 200);
        Assert.InRange(adwin.BucketCount, 1, 6 * 25);
    }
}
