using System.Diagnostics;
using System.Text.Json;
using Rung.Core.Ladder;
using Rung.Core.Slo;
using Rung.Runtime.Agents;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Bench.Drift;

/// <summary>
/// One <see cref="AgentWatch.CheckAsync"/> taken apart into its steps, each called through the same public API the
/// watch uses, on the no-op store and on SQLite holding a journal of line decisions: where a check's time goes.
/// </summary>
internal static class CheckBreakdown
{
    public static readonly string[] Steps =
    [
        "queue (open exceptions)",
        "Conditions, cached report",
        "Conditions, re-testing the window",
        "alarm book (active alarms, evaluate)",
        "snapshot + JSON",
        "save status",
        "daily summary due? (3 queries)",
        "whole CheckAsync (cached report)",
    ];

    public sealed record Result(string Store, double[] MicrosecondsPerStep, int OpenExceptions);

    public static async Task<IReadOnlyList<Result>> RunAsync(LinePilot pilot, int window, int rounds, string folder, CancellationToken cancellationToken)
    {
        var results = new List<Result> { await MeasureAsync("no-op", new NowhereStore(), pilot, window, rounds, cancellationToken).ConfigureAwait(false) };
        await using var sqlite = await SqliteRungStore.OpenAsync(Path.Combine(folder, "check.db"), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        results.Add(await MeasureAsync("SQLite", sqlite, pilot, window, rounds, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private static async Task<Result> MeasureAsync(string name, IRungStore store, LinePilot pilot, int window, int rounds, CancellationToken cancellationToken)
    {
        var useCase = BenchUseCases.Line(window, Stage.AutoWithExceptions);
        var agentId = useCase.Agent.Id;
        var clock = new SteppingClock(pilot.Options.Start);
        var monitor = new AgentMonitor(useCase.Agent, pilot.Reference);
        var alarms = new AlarmCenter(useCase, store, new Notifier([new NullChannel()]), clock);
        var watch = new AgentWatch(useCase, monitor, alarms, store, clock);
        var runtime = await AgentRuntime.StartAsync(useCase, store, pilot.Model, new NullConnector(), clock, cancellationToken).ConfigureAwait(false);
        var step = Math.Max(10, window / 10);

        // A journal of a few days of the line in hourly batches, and a full window in the monitor.
        var parts = pilot.PartsBeforeSupplierChange;
        var decided = new List<DecisionRecord>();
        for (var i = 0; i < window + (step * (rounds + 3)); i += 24)
        {
            clock.Advance(TimeSpan.FromHours(1));
            var batch = parts.Skip(i).Take(24).Select(p => new CaseInput(p.PartId, p.ProducedAt, p.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.Ordinal))).ToArray();
            decided.AddRange((await runtime.DecideAsync(batch, cancellationToken).ConfigureAwait(false)).Select(d => d.Record));
        }

        var slo = new SloMonitor(useCase.Agent.Slo).Status;
        monitor.ObserveDecisions(decided[..window]);
        var next = window;
        var from = pilot.Options.Start;
        var timings = Steps.Select(_ => new List<double>()).ToArray();
        await watch.CheckAsync(Stage.AutoWithExceptions, slo, cancellationToken).ConfigureAwait(false);
        for (var r = -1; r < rounds; r++)
        {
            var t = new double[Steps.Length];
            var started = Stopwatch.GetTimestamp();
            await store.GetOpenExceptionsAsync(agentId, 10_000, cancellationToken).ConfigureAwait(false);
            t[0] = Lap(ref started);
            var conditions = monitor.Conditions(Stage.AutoWithExceptions, slo, null, QueueStatus.Empty);
            t[1] = Lap(ref started);
            monitor.ObserveDecisions(decided.GetRange(next, step));
            next += step;
            started = Stopwatch.GetTimestamp();
            conditions = monitor.Conditions(Stage.AutoWithExceptions, slo, null, QueueStatus.Empty);
            t[2] = Lap(ref started);
            await alarms.EvaluateAsync(conditions, cancellationToken).ConfigureAwait(false);
            t[3] = Lap(ref started);
            var json = JsonSerializer.Serialize(monitor.Snapshot(agentId, clock.GetUtcNow(), Stage.AutoWithExceptions, slo, QueueStatus.Empty), MonitorSnapshotContext.Default.MonitorSnapshot);
            t[4] = Lap(ref started);
            await store.SaveAgentStatusAsync(agentId, clock.GetUtcNow(), json, cancellationToken).ConfigureAwait(false);
            t[5] = Lap(ref started);
            await store.GetPeriodStatsAsync(agentId, from, TimeSpan.FromDays(1), from.AddDays(1), cancellationToken).ConfigureAwait(false);
            await store.GetAlarmsAsync(agentId, activeOnly: true, 1000, cancellationToken).ConfigureAwait(false);
            await store.AppendDailySummaryAsync(new DailySummary(agentId, DateOnly.FromDateTime(from.UtcDateTime), clock.GetUtcNow(), "line3.lead", "bench"), cancellationToken).ConfigureAwait(false);
            t[6] = Lap(ref started);
            clock.Advance(TimeSpan.FromMinutes(1));
            await watch.CheckAsync(Stage.AutoWithExceptions, slo, cancellationToken).ConfigureAwait(false);
            t[7] = Lap(ref started);
            if (r < 0)
            {
                continue;
            }

            for (var k = 0; k < t.Length; k++)
            {
                timings[k].Add(t[k]);
            }
        }

        var open = await store.GetOpenExceptionsAsync(agentId, 10_000, cancellationToken).ConfigureAwait(false);
        return new Result(name, [.. timings.Select(Stats.Median)], open.Count);
    }

    private static double Lap(ref long started)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, now).TotalMicroseconds;
        started = now;
        return elapsed;
    }
}
