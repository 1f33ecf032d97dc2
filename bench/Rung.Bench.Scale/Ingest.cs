using System.Diagnostics;
using Rung.Storage;

namespace Rung.Bench.Scale;

/// <summary>Sustained appends: each instance (one per server) appends batches back to back for the duration.</summary>
internal static class Ingest
{
    public sealed record Result(double CasesPerSecond, double P50, double P99);

    public static async Task<Result> RunAsync(Func<Task<Func<Task<IRungDataStore>>>> fresh, int instances, int batch, TimeSpan duration)
    {
        var open = await fresh();
        var stores = new List<IRungDataStore>();
        for (var i = 0; i < instances; i++)
        {
            stores.Add(await open());
        }

        try
        {
            await stores[0].EnsureAgentAsync(Cases.Agent(), Cases.Initial());
            var latencies = new List<double>[instances];
            var counts = new long[instances];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
            {
                latencies[s] = [];
                long n = 0;
                while (clock.Elapsed < duration)
                {
                    var records = Enumerable.Range(0, batch).Select(_ => Cases.Decision($"s{s}", n++)).ToList();
                    var started = Stopwatch.GetTimestamp();
                    await store.AppendDecisionsAsync(records);
                    latencies[s].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    counts[s] += batch;
                }
            })));
            var elapsed = clock.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToList();
            return new Result(counts.Sum() / elapsed, Percentile(all, 0.5), Percentile(all, 0.99));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
