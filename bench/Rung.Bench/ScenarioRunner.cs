using System.Diagnostics;
using Rung.Core.Policy;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Storage;
using Rung.Storage.Sqlite;

namespace Rung.Bench;

/// <summary>
/// Runs one round of one scenario: a fresh journal file, connector file and runtime (set up outside the timing),
/// then the cases through <see cref="AgentRuntime.DecideAsync"/> in batches, timed by wall clock and process CPU.
/// After the timing, checks that the journal and the connector hold what was decided.
/// </summary>
internal static class ScenarioRunner
{
    public static async Task<RoundResult> RunAsync(Workload workload, Scenario scenario, int caseLimit, double maxSeconds, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("rung-bench-");
        try
        {
            return await RunInAsync(folder.FullName, workload, scenario, caseLimit, maxSeconds, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<RoundResult> RunInAsync(string folder, Workload workload, Scenario scenario, int caseLimit, double maxSeconds, CancellationToken cancellationToken)
    {
        var cases = workload.Cases;
        var clock = new BenchClock(cases[0].OccurredAt);
        IRungStore journal = scenario.Journal == JournalKind.Durable
            ? await SqliteRungStore.OpenAsync(Path.Combine(folder, "rung.db"), clock, cancellationToken).ConfigureAwait(false)
            : new NowhereStore();
        await using var store = new TimedStore(journal);
        var jsonLines = scenario.Connector == ConnectorKind.JsonLines
            ? await JsonLinesActionConnector.OpenAsync(Path.Combine(folder, "actions.jsonl"), cancellationToken).ConfigureAwait(false)
            : null;
        await using var connector = new TimedConnector(jsonLines ?? (IActionConnector)new DiscardConnector());
        var runtime = await AgentRuntime.StartAsync(workload.UseCase, store, workload.Model, connector, clock, cancellationToken).ConfigureAwait(false);
        store.Reset();
        connector.Reset();

        var dispositions = new int[Enum.GetValues<Disposition>().Length];
        var limit = Math.Min(caseLimit, cases.Length);
        var budget = (long)(maxSeconds * Stopwatch.Frequency);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var meter = Meter.Start();

        var done = 0;
        while (done < limit && Stopwatch.GetTimestamp() - meter.StartedAt < budget)
        {
            var count = Math.Min(scenario.BatchSize, limit - done);
            clock.MoveTo(cases[done + count - 1].OccurredAt);
            var decided = await runtime.DecideAsync(new ArraySegment<CaseInput>(cases, done, count), cancellationToken).ConfigureAwait(false);
            foreach (var (record, _) in decided)
            {
                dispositions[(int)record.Decision.Disposition]++;
            }

            done += count;
        }

        var (wall, cpuSeconds) = meter.Stop();
        var result = new RoundResult(
            done,
            wall,
            cpuSeconds,
            Seconds(store.AppendTicks),
            Seconds(store.MarkDeliveredTicks),
            Seconds(connector.Ticks),
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            dispositions);

        await VerifyAsync(scenario, store, jsonLines, runtime.AgentId, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    // A benchmark that silently journals less than it claims measures nothing: check the files hold every decision.
    private static async Task VerifyAsync(Scenario scenario, TimedStore store, JsonLinesActionConnector? jsonLines, string agentId, RoundResult result, CancellationToken cancellationToken)
    {
        if (scenario.Journal == JournalKind.Durable)
        {
            var stored = await store.CountDecisionsAsync(agentId, cancellationToken).ConfigureAwait(false);
            if (stored != result.Decisions)
            {
                throw new InvalidOperationException($"{scenario}: {result.Decisions} decisions taken but {stored} journalled.");
            }

            var undelivered = await store.GetUndeliveredActionsAsync(agentId, 1, cancellationToken).ConfigureAwait(false);
            if (undelivered.Count > 0)
            {
                throw new InvalidOperationException($"{scenario}: case '{undelivered[0].CaseId}' is committed but not marked delivered.");
            }
        }

        var committed = result.Dispositions[(int)Disposition.Committed];
        if (jsonLines is not null && jsonLines.DeliveredCount != committed)
        {
            throw new InvalidOperationException($"{scenario}: {committed} actions committed but {jsonLines.DeliveredCount} in the actions file.");
        }
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
