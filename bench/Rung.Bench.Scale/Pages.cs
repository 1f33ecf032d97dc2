using System.Diagnostics;
using Rung.Storage;

namespace Rung.Bench.Scale;

/// <summary>The console's page queries timed as the case table grows; each figure is the median of 25 calls.</summary>
internal static class Pages
{
    private const int FillBatch = 5_000;
    private const int Repeats = 25;

    public static async Task RunAsync(string name, Func<Task<Func<Task<IRungDataStore>>>> fresh, IEnumerable<long> sizes, TextWriter output)
    {
        await using var store = await (await fresh())();
        await store.EnsureAgentAsync(Cases.Agent(), Cases.Initial());
        long filled = 0;
        foreach (var size in sizes)
        {
            while (filled < size)
            {
                var count = (int)Math.Min(FillBatch, size - filled);
                var start = filled;
                await store.AppendDecisionsAsync([.. Enumerable.Range(0, count).Select(i => Cases.Decision("p", start + i))]);
                filled += count;
            }

            var pending = await TimeAsync(() => store.GetPendingApprovalsAsync(Cases.AgentId, 50));
            var exceptions = await TimeAsync(() => store.GetOpenExceptionsAsync(Cases.AgentId, 50));
            var commits = await TimeAsync(() => store.GetRecentCommitsAsync(Cases.AgentId, 50));
            var latest = await TimeAsync(() => store.GetLatestDecisionAsync(Cases.AgentId));
            var alarms = await TimeAsync(() => store.GetAlarmsAsync(Cases.AgentId, activeOnly: true, 50));
            await output.WriteLineAsync(FormattableString.Invariant(
                $"| {name} | {size:N0} | {pending:F2} | {exceptions:F2} | {commits:F2} | {latest:F2} | {alarms:F2} |"));
        }
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> query)
    {
        await query();
        var samples = new List<double>(Repeats);
        for (var i = 0; i < Repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await query();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return samples[Repeats / 2];
    }
}
