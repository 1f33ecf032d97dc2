using System.Diagnostics;

namespace Rung.Bench.Api;

/// <summary>A bounded closed-loop load: a fixed number of requests (or a time limit) from a few concurrent callers.</summary>
internal static class Load
{
    public static async Task<LoadResult> RunAsync(string name, int requests, int concurrency, int casesPerRequest, TimeSpan limit, Func<int, CancellationToken, Task<bool>> send)
    {
        var latencies = new double[requests];
        var next = -1;
        var failures = 0;
        using var deadline = new CancellationTokenSource(limit);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && !deadline.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await send(i, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var done = Math.Min(requests, next);
        var sorted = latencies.Take(done).Order().ToArray();
        return new LoadResult(name, done, casesPerRequest, failures, elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
