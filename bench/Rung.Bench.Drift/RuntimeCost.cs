using System.Diagnostics;
using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Runtime.Agents;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage;
using Rung.Storage.Sqlite;

namespace Rung.Bench.Drift;

/// <summary>
/// The decision path (<see cref="AgentRuntime.DecideAsync"/>) timed per case with and without an
/// <see cref="AgentWatch"/>, on the line's live parts and the pilot model. Runtimes are timed in turn within
/// each round, so a busy spell on the shared machine hits all of them; the median round is reported.
/// </summary>
internal static class RuntimeCost
{
    /// <summary>One runtime under test and how its clock moves per decide call.</summary>
    public sealed record Setup(string Name, string Store, int? Window, TimeSpan ClockStep, int Batch);

    public sealed record Result(Setup Setup, double MicrosecondsPerCase, double[] Rounds);

    public static async Task<IReadOnlyList<Result>> NoOpStoreAsync(LinePilot pilot, BenchSettings settings, CancellationToken cancellationToken)
    {
        Setup[] setups =
        [
            new("decision alone", "no-op", null, TimeSpan.FromMinutes(2.5), 1),
            new("+ watch, W 500, check every case (2.5 min cycle)", "no-op", 500, TimeSpan.FromMinutes(2.5), 1),
            new("+ watch, W 2000, check every case (2.5 min cycle)", "no-op", 2000, TimeSpan.FromMinutes(2.5), 1),
            new("+ watch, W 500, check every 60 cases (1 case/s)", "no-op", 500, TimeSpan.FromSeconds(1), 1),
            new("+ watch, W 2000, check every 60 cases (1 case/s)", "no-op", 2000, TimeSpan.FromSeconds(1), 1),
        ];
        var inputs = pilot.PartsBeforeSupplierChange
            .Select(p => new CaseInput(p.PartId, p.ProducedAt, p.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.Ordinal)))
            .ToArray();
        var runners = new List<Runner>();
        foreach (var setup in setups)
        {
            runners.Add(await Runner.StartAsync(setup, pilot, new NowhereStore(), inputs, cancellationToken).ConfigureAwait(false));
        }

        foreach (var runner in runners)
        {
            await runner.RunAsync(Math.Max(2_500, settings.CostCasesPerRound), cancellationToken).ConfigureAwait(false);
        }

        return await MeasureAsync(runners, settings.CostCasesPerRound, settings.CostRounds, cancellationToken).ConfigureAwait(false);
    }

    public static Task<IReadOnlyList<Result>> SqliteHourlyBatchesAsync(LinePilot pilot, BenchSettings settings, string folder, CancellationToken cancellationToken) =>
        // The demo's shape: the line's parts of one hour decided in one batch, one durable append per batch.
        SqliteAsync(
            [
                new("decision alone", "SQLite", null, TimeSpan.FromHours(1), 24),
                new("+ watch, W 2000, check every batch (1 h)", "SQLite", 2000, TimeSpan.FromHours(1), 24),
            ],
            pilot, settings.SqliteCasesPerRound, settings.SqliteRounds, 2_016, folder, cancellationToken);

    public static Task<IReadOnlyList<Result>> SqliteSingleCasesAsync(LinePilot pilot, BenchSettings settings, string folder, CancellationToken cancellationToken) =>
        // The live path: each case decided as it arrives, one durable append per case.
        SqliteAsync(
            [
                new("decision alone", "SQLite", null, TimeSpan.FromSeconds(1), 1),
                new("+ watch, W 500, check every case (2.5 min cycle)", "SQLite", 500, TimeSpan.FromMinutes(2.5), 1),
                new("+ watch, W 500, check every 60 cases (1 case/s)", "SQLite", 500, TimeSpan.FromSeconds(1), 1),
            ],
            pilot, settings.SqliteCasesPerRound / 4, settings.SqliteRounds, 600, folder, cancellationToken);

    private static async Task<IReadOnlyList<Result>> SqliteAsync(Setup[] setups, LinePilot pilot, int cases, int rounds, int warmUp, string folder, CancellationToken cancellationToken)
    {
        var runners = new List<Runner>();
        var stores = new List<IRungStore>();
        try
        {
            foreach (var setup in setups)
            {
                // Each journal needs its own case ids; the same parts are reused under fresh ids.
                var suffix = "-" + stores.Count;
                var inputs = pilot.PartsBeforeSupplierChange
                    .Select(p => new CaseInput(p.PartId + suffix, p.ProducedAt, p.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.Ordinal)))
                    .ToArray();
                var store = await SqliteRungStore.OpenAsync(Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db"), TimeProvider.System, cancellationToken).ConfigureAwait(false);
                stores.Add(store);
                runners.Add(await Runner.StartAsync(setup, pilot, store, inputs, cancellationToken).ConfigureAwait(false));
            }

            foreach (var runner in runners)
            {
                // Fills the drift window, so the timed rounds include its re-tests.
                await runner.RunAsync(warmUp, cancellationToken).ConfigureAwait(false);
            }

            return await MeasureAsync(runners, cases, rounds, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Runtimes take turns in chunks of 24 cases, so a slow spell of the shared machine or its disk hits each of them.
    private static async Task<IReadOnlyList<Result>> MeasureAsync(List<Runner> runners, int cases, int rounds, CancellationToken cancellationToken)
    {
        const int Chunk = 24;
        var timings = runners.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            var elapsed = new TimeSpan[runners.Count];
            for (var done = 0; done < cases; done += Chunk)
            {
                for (var i = 0; i < runners.Count; i++)
                {
                    elapsed[i] += await runners[i].RunAsync(Chunk, cancellationToken).ConfigureAwait(false);
                }
            }

            for (var i = 0; i < runners.Count; i++)
            {
                timings[i].Add(elapsed[i].TotalMicroseconds / (cases / Chunk * Chunk));
            }
        }

        return [.. runners.Select((runner, i) => new Result(runner.Setup, Stats.Median(timings[i]), [.. timings[i]]))];
    }

    private sealed class Runner
    {
        private readonly AgentRuntime _runtime;
        private readonly SteppingClock _clock;
        private readonly CaseInput[] _inputs;
        private int _next;

        private Runner(Setup setup, AgentRuntime runtime, SteppingClock clock, CaseInput[] inputs)
        {
            Setup = setup;
            _runtime = runtime;
            _clock = clock;
            _inputs = inputs;
        }

        public Setup Setup { get; }

        public static async Task<Runner> StartAsync(Setup setup, LinePilot pilot, IRungStore store, CaseInput[] inputs, CancellationToken cancellationToken)
        {
            // Shadow: every case is Logged. On AutoWithExceptions the exception items would pile up in a benchmark without
            // people to clear them, and each check reads every open item.
            var useCase = BenchUseCases.Line(setup.Window ?? 500, Stage.Shadow);
            var clock = new SteppingClock(pilot.Options.Start);
            var watch = setup.Window is null ? null : NewWatch(useCase, pilot, store, clock);
            var runtime = await AgentRuntime.StartAsync(useCase, store, pilot.Model, new NullConnector(), clock, watch, cancellationToken).ConfigureAwait(false);
            return new Runner(setup, runtime, clock, inputs);
        }

        public static AgentWatch NewWatch(UseCaseDefinition useCase, LinePilot pilot, IRungStore store, TimeProvider clock)
        {
            var alarms = new AlarmCenter(useCase, store, new Notifier([new NullChannel()]), clock);
            return new AgentWatch(useCase, new AgentMonitor(useCase.Agent, pilot.Reference), alarms, store, clock);
        }

        public async Task<TimeSpan> RunAsync(int cases, CancellationToken cancellationToken)
        {
            var batch = new CaseInput[Setup.Batch];
            var watch = Stopwatch.StartNew();
            for (var done = 0; done < cases; done += Setup.Batch)
            {
                for (var k = 0; k < batch.Length; k++)
                {
                    batch[k] = _inputs[_next];
                    _next = (_next + 1) % _inputs.Length;
                }

                _clock.Advance(Setup.ClockStep);
                await _runtime.DecideAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            return watch.Elapsed;
        }
    }
}
