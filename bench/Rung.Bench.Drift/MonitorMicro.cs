using System.Diagnostics;
using System.Text.Json;
using Rung.Core.Drift;
using Rung.Core.Ladder;
using Rung.Core.Slo;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>
/// The monitor's own costs on synthetic cases: <see cref="AgentMonitor.ObserveDecisions"/> per case, and
/// <see cref="AgentMonitor.Conditions"/> per call, both when the cached drift report is reused and when the call
/// re-tests the window; then the rest of a check (alarm book, snapshot and its JSON). Medians of rounds after a warm-up.
/// </summary>
internal static class MonitorMicro
{
    public sealed record Line(int Features, int Window, double ObservePerCaseUs, double CachedConditionsUs, double RetestConditionsUs, double AlarmBookUs, double SnapshotUs, double ObserveBytesPerCase, double RetestKilobytes)
    {
        /// <summary>Drift features tested: the inputs, the confidence and the action.</summary>
        public int Tested => Features + 2;
    }

    public static IReadOnlyList<Line> Run(BenchSettings settings, int referenceRows)
    {
        var lines = new List<Line>();
        foreach (var features in new[] { 5, 20 })
        {
            var reference = SyntheticStream.Reference(features, referenceRows, 1_000_000 + features);
            foreach (var window in BenchSettings.Windows)
            {
                lines.Add(Measure(reference, features, window, settings.MicroRounds));
            }
        }

        return lines;
    }

    private static Line Measure(ReferenceProfile reference, int features, int window, int rounds)
    {
        var useCase = BenchUseCases.Synthetic(features, window);
        var monitor = new AgentMonitor(useCase.Agent, reference);
        var stream = new SyntheticStream(features, 77);
        var step = Math.Max(10, window / 10);
        var slo = new SloMonitor(useCase.Agent.Slo).Status;
        var records = Enumerable.Range(0, window + (step * (rounds + 2) * 4)).Select(_ => stream.Next(DriftScenario.None, -1)).ToArray();
        var store = new NowhereStore();
        var alarms = new AlarmCenter(useCase, store, new Notifier([new NullChannel()]), TimeProvider.System);
        monitor.ObserveDecisions(records[..window]);
        monitor.Conditions(Stage.Shadow, slo, null, QueueStatus.Empty);

        var observe = new List<double>();
        var cached = new List<double>();
        var retest = new List<double>();
        var alarmBook = new List<double>();
        var snapshot = new List<double>();
        var observeBytes = new List<double>();
        var retestBytes = new List<double>();
        var next = window;
        for (var r = -2; r < rounds * 4; r++)
        {
            var batch = new ArraySegment<DecisionRecord>(records, next, step);
            next += step;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var t = Stopwatch.GetTimestamp();
            monitor.ObserveDecisions(batch);
            var observed = Stopwatch.GetElapsedTime(t).TotalMicroseconds / step;
            var observedBytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)step;
            bytes = GC.GetAllocatedBytesForCurrentThread();
            t = Stopwatch.GetTimestamp();
            var conditions = monitor.Conditions(Stage.Shadow, slo, null, QueueStatus.Empty);
            var tested = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            var testedBytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0;
            const int CachedCalls = 20;
            t = Stopwatch.GetTimestamp();
            for (var k = 0; k < CachedCalls; k++)
            {
                conditions = monitor.Conditions(Stage.Shadow, slo, null, QueueStatus.Empty);
            }

            var reused = Stopwatch.GetElapsedTime(t).TotalMicroseconds / CachedCalls;
            t = Stopwatch.GetTimestamp();
            alarms.EvaluateAsync(conditions).GetAwaiter().GetResult();
            var book = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            t = Stopwatch.GetTimestamp();
            _ = JsonSerializer.Serialize(monitor.Snapshot(useCase.Agent.Id, DateTimeOffset.UnixEpoch, Stage.Shadow, slo, QueueStatus.Empty), MonitorSnapshotContext.Default.MonitorSnapshot);
            var snap = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            if (r < 0)
            {
                continue;
            }

            observe.Add(observed);
            observeBytes.Add(observedBytes);
            retestBytes.Add(testedBytes);
            retest.Add(tested);
            cached.Add(reused);
            alarmBook.Add(book);
            snapshot.Add(snap);
        }

        return new Line(features, window, Stats.Median(observe), Stats.Median(cached), Stats.Median(retest), Stats.Median(alarmBook), Stats.Median(snapshot), Stats.Median(observeBytes), Stats.Median(retestBytes));
    }
}
