using Rung.Core.Policy;
using Rung.Runtime.Agents;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Bench;

/// <summary>
/// Where the journal's time goes at a large batch: the store's two writes on the decision path timed alone, next to
/// the same rows written straight into SQLite with their JSON prepared beforehand, with synchronous FULL and OFF.
/// The differences name the costs: the store's own work (validation, JSON, binding), the sync, the extra tables.
/// </summary>
internal static class JournalAnatomy
{
    public const int BatchSize = 1000;

    private const string DropSecondaryIndexes = """
        DROP INDEX ix_decisions_agent_window; DROP INDEX ix_exception_items_open; DROP INDEX ix_exception_items_due;
        DROP INDEX ix_committed_actions_name; DROP INDEX ix_committed_actions_undelivered;
        """;

    private static readonly RawVariant[] RawVariants =
    [
        new("same rows and tables, synchronous=FULL", "FULL", "", DecisionsOnly: false, MarkDelivery.PerAction),
        new("same rows and tables, synchronous=FULL (second sample)", "FULL", "", DecisionsOnly: false, MarkDelivery.SetBased),
        new("same, synchronous=OFF (no sync at all)", "OFF", "", DecisionsOnly: false),
        new("same, FULL, cache_size 64 MiB (default 2 MiB)", "FULL", "PRAGMA cache_size = -65536;", DecisionsOnly: false),
        new("same, FULL, secondary indexes dropped (keys only)", "FULL", DropSecondaryIndexes, DecisionsOnly: false),
        new("decisions rows only, FULL", "FULL", "", DecisionsOnly: true),
        new("same rows and tables, FULL, C API (SQLitePCLRaw), bound by position", "FULL", "", DecisionsOnly: false, Native: true),
    ];

    public static async Task<IReadOnlyList<AnatomyStep>> RunAsync(Workload workload, int caseCount, CancellationToken cancellationToken)
    {
        var records = await CaptureAsync(workload, caseCount, cancellationToken).ConfigureAwait(false);
        var batches = records.Chunk(BatchSize).ToArray();
        var rows = batches.Select(b => b.Select(JournalRow.From).ToArray()).ToArray();
        var deliveredAt = (records[^1].DecidedAt - DateTimeOffset.UnixEpoch).Ticks;
        var steps = new List<AnatomyStep>();

        var folder = Directory.CreateTempSubdirectory("rung-bench-anatomy-");
        try
        {
            var clock = new BenchClock(records[^1].DecidedAt);
            await using (var store = await CreateJournalAsync(Path.Combine(folder.FullName, "store.db"), workload, clock, cancellationToken).ConfigureAwait(false))
            {
                var meter = Start();
                foreach (var batch in batches)
                {
                    await store.AppendDecisionsAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                steps.Add(Step("store: AppendDecisionsAsync (validate, JSON, 3 prepared inserts, 1 FULL commit)", records.Count, meter));

                meter = Start();
                foreach (var batch in batches)
                {
                    string[] committed = [.. batch.Where(r => r.Decision.Disposition == Disposition.Committed).Select(r => r.Case.CaseId)];
                    await store.MarkActionsDeliveredAsync(committed, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }

                steps.Add(Step("store: MarkActionsDeliveredAsync (SQL prepared per action, 1 FULL commit)", records.Count, meter));
            }

            foreach (var variant in RawVariants)
            {
                var path = Path.Combine(folder.FullName, $"raw-{steps.Count}.db");
                await (await CreateJournalAsync(path, workload, clock, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
                using var raw = new RawJournal(path, variant.Synchronous, variant.Setup);
                var meter = Start();
                if (variant.Native)
                {
                    raw.InsertNative(rows);
                }
                else
                {
                    raw.Insert(rows, variant.DecisionsOnly);
                }

                steps.Add(Step("raw SQLite, JSON ready: " + variant.Name, records.Count, meter));
                if (variant.Mark == MarkDelivery.PerAction)
                {
                    meter = Start();
                    raw.MarkDelivered(rows, deliveredAt);
                    steps.Add(Step("raw SQLite: mark delivered, one prepared UPDATE per action, FULL", records.Count, meter));
                }
                else if (variant.Mark == MarkDelivery.SetBased)
                {
                    meter = Start();
                    raw.MarkDeliveredSetBased(rows, deliveredAt);
                    steps.Add(Step("raw SQLite: mark delivered, one UPDATE per batch over json_each, FULL", records.Count, meter));
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return steps;
    }

    /// <summary>The decisions the runtime takes for the cases, kept in memory by a store that journals nowhere.</summary>
    private static async Task<List<DecisionRecord>> CaptureAsync(Workload workload, int caseCount, CancellationToken cancellationToken)
    {
        var cases = workload.Cases;
        var kept = new List<DecisionRecord>(caseCount);
        var clock = new BenchClock(cases[0].OccurredAt);
        var runtime = await AgentRuntime.StartAsync(workload.UseCase, new NowhereStore(kept), workload.Model, new DiscardConnector(), clock, cancellationToken).ConfigureAwait(false);
        var limit = Math.Min(caseCount, cases.Length);
        for (var done = 0; done < limit; done += BatchSize)
        {
            var count = Math.Min(BatchSize, limit - done);
            clock.MoveTo(cases[done + count - 1].OccurredAt);
            await runtime.DecideAsync(new ArraySegment<CaseInput>(cases, done, count), cancellationToken).ConfigureAwait(false);
        }

        return kept;
    }

    /// <summary>A fresh journal with the schema and the agent, as the runtime leaves it after its first start.</summary>
    private static async Task<SqliteRungStore> CreateJournalAsync(string path, Workload workload, BenchClock clock, CancellationToken cancellationToken)
    {
        var store = await SqliteRungStore.OpenAsync(path, clock, cancellationToken).ConfigureAwait(false);
        await AgentRuntime.StartAsync(workload.UseCase, store, workload.Model, new DiscardConnector(), clock, cancellationToken).ConfigureAwait(false);
        return store;
    }

    private static Meter Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Meter.Start();
    }

    private static AnatomyStep Step(string name, int decisions, Meter meter)
    {
        var (wall, cpu) = meter.Stop();
        return new AnatomyStep(name, decisions, wall, cpu);
    }
}
