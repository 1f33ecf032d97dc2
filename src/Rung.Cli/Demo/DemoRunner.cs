using System.Reflection;
using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Models.Softmax;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Simulation;
using Rung.Simulation.Parts;
using Rung.Simulation.People;
using Rung.Simulation.Pilot;
using Rung.Storage.Sqlite;
using Rung.UseCases;

namespace Rung.Cli.Demo;

/// <summary>
/// The main job on embedded defaults: trains a pilot model on the simulated line's history, then runs it live
/// on the line through the real runtime, journal and connector, with simulated operators, approvers, a QC lab
/// and a line owner who signs each promotion once the evidence is there. Deterministic for a seed.
/// </summary>
internal sealed class DemoRunner(DemoSettings settings, TimeProvider wallClock)
{
    private const int PilotRows = 20_000;
    private const int HoldoutRows = 5_000;
    private static readonly TimeSpan Slot = TimeSpan.FromHours(1);
    private static readonly TimeSpan OperatorReaction = TimeSpan.FromMinutes(2);

    private readonly PriorityQueue<PeopleEvent, (DateTimeOffset, long)> _events = new();
    private long _sequence;

    /// <summary>Runs the demo, reporting each simulated day to <paramref name="progress"/>.</summary>
    public async Task<DemoResult> RunAsync(IProgress<DemoProgress>? progress, CancellationToken cancellationToken)
    {
        var data = settings.Data.FullName;
        PrepareDataFolder(data);
        var options = new LineSimulationOptions { Seed = settings.Seed };
        var holdoutAccuracy = TrainPilot(options, Path.Combine(data, "pilot-model.json"), cancellationToken);
        var useCasePath = Path.Combine(data, "usecase.yaml");
        await File.WriteAllTextAsync(useCasePath, ReadEmbeddedUseCase(), cancellationToken).ConfigureAwait(false);
        var useCase = UseCaseLoader.LoadFile(useCasePath).Definition;

        var clock = new SimulationClock(options.Start);
        await using var store = await SqliteRungStore.OpenAsync(Path.Combine(data, "rung.db"), clock, cancellationToken).ConfigureAwait(false);
        await using var connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(data, "actions", useCase.Agent.Id + ".jsonl"), cancellationToken).ConfigureAwait(false);
        await using var model = await ModelFactory.CreateAsync(useCase.Agent.Model, data, clock, cancellationToken).ConfigureAwait(false);
        var agent = await AgentRuntime.StartAsync(useCase, store, model, connector, clock, cancellationToken).ConfigureAwait(false);

        var line = new MachiningLine(options);
        var people = new SimulatedPeople(options);
        var end = options.Start.AddDays(settings.Days);
        var started = wallClock.GetTimestamp();
        long cases = 0;
        var dayEvents = new List<string>();
        for (var slotStart = options.Start; slotStart < end; slotStart += Slot)
        {
            var slotEnd = slotStart + Slot;
            await ApplyDueEventsAsync(agent, people, clock, slotStart, dayEvents, cancellationToken).ConfigureAwait(false);
            if (IsOwnersMorningCheck(slotStart, options))
            {
                await OwnerReviewsPromotionAsync(agent, clock, slotStart, dayEvents, cancellationToken).ConfigureAwait(false);
            }

            var parts = line.Produce(slotStart, slotEnd).ToList();
            if (parts.Count > 0)
            {
                clock.MoveTo(slotEnd);
                var inputs = parts.Select(p => new CaseInput(p.PartId, p.ProducedAt, p.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value))).ToList();
                var decided = await agent.DecideAsync(inputs, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < parts.Count; i++)
                {
                    Schedule(parts[i], decided[i].Record.Decision.Disposition, decided[i].Record.Proposal.Action.Name, decided[i].Record.DecidedAt, people);
                }

                cases += parts.Count;
            }

            if ((slotEnd - options.Start).Ticks % TimeSpan.TicksPerDay == 0)
            {
                var day = (int)((slotEnd - options.Start).Ticks / TimeSpan.TicksPerDay);
                var open = await store.GetOpenExceptionsAsync(agent.AgentId, 10_000, cancellationToken).ConfigureAwait(false);
                var pending = await store.GetPendingApprovalsAsync(agent.AgentId, 10_000, cancellationToken).ConfigureAwait(false);
                progress?.Report(new DemoProgress(day, settings.Days, slotEnd, agent.Stage, agent.Slo, cases, open.Count, pending.Count, [.. dayEvents]));
                dayEvents.Clear();
                await PaceAsync(started, day, cancellationToken).ConfigureAwait(false);
            }
        }

        var weeks = await store.GetPeriodStatsAsync(agent.AgentId, options.Start, TimeSpan.FromDays(7), end, cancellationToken).ConfigureAwait(false);
        var history = await store.GetStageHistoryAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        return new DemoResult(weeks, history, cases, connector.DeliveredCount, holdoutAccuracy, data);
    }

    private void Schedule(SimulatedPart part, Disposition disposition, string proposed, DateTimeOffset decidedAt, SimulatedPeople people)
    {
        var (kind, at) = disposition switch
        {
            Disposition.Logged or Disposition.Blocked => (PeopleEventKind.OperatorAction, part.ProducedAt + OperatorReaction),
            Disposition.PendingApproval => (PeopleEventKind.ApproverVerdict, decidedAt + people.ExceptionHandlingDelay(part, decidedAt)),
            Disposition.Excepted => (PeopleEventKind.ExceptionDecision, decidedAt + people.ExceptionHandlingDelay(part, decidedAt)),
            _ => (PeopleEventKind.QcResult, Max(people.QcResult(part).AvailableAt, decidedAt)),
        };
        _events.Enqueue(new PeopleEvent(kind, Max(at, decidedAt), part, proposed), (Max(at, decidedAt), _sequence++));
    }

    private async Task ApplyDueEventsAsync(AgentRuntime agent, SimulatedPeople people, SimulationClock clock, DateTimeOffset until, List<string> dayEvents, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        var approvals = new List<Approval>();
        var resolutions = new List<ExceptionResolution>();
        while (_events.TryPeek(out var next, out _) && next.At <= until)
        {
            _events.Dequeue();
            switch (next.Kind)
            {
                case PeopleEventKind.OperatorAction:
                    outcomes.Add(new Outcome(next.Part.PartId, OutcomeSource.HumanAction, people.OperatorAction(next.Part), next.At, "line3.operator"));
                    break;
                case PeopleEventKind.QcResult:
                    outcomes.Add(new Outcome(next.Part.PartId, OutcomeSource.QualityResult, next.Part.TrueAction, next.At, "qc.lab"));
                    break;
                case PeopleEventKind.ApproverVerdict:
                    var verdict = people.ApproverVerdict(next.Part, next.ProposedAction);
                    approvals.Add(new Approval(next.Part.PartId, "line3.approver", verdict.Approved ? Verdict.Approved : Verdict.Rejected, next.At, verdict.Reason, verdict.Approved ? null : verdict.CorrectAction));
                    break;
                case PeopleEventKind.ExceptionDecision:
                    resolutions.Add(new ExceptionResolution(next.Part.PartId, "line3.operator", people.ExceptionDecision(next.Part), next.At));
                    break;
            }
        }

        clock.MoveTo(until);
        var stageBefore = agent.Stage;
        await agent.ApproveAsync(approvals, cancellationToken).ConfigureAwait(false);
        await agent.ResolveExceptionsAsync(resolutions, cancellationToken).ConfigureAwait(false);
        foreach (var result in await agent.RecordOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false))
        {
            if (result.Demotion is { } demotion)
            {
                dayEvents.Add($"demoted {demotion.From} -> {demotion.To}: {demotion.Reason}");
            }
        }

        if (agent.Stage != stageBefore && dayEvents.Count == 0)
        {
            dayEvents.Add($"demoted {stageBefore} -> {agent.Stage}");
        }
    }

    private static bool IsOwnersMorningCheck(DateTimeOffset slotStart, LineSimulationOptions options)
    {
        var local = TimeZoneInfo.ConvertTime(slotStart, options.Shifts.TimeZone);
        return local.Hour == 8 && options.Shifts.WorkingDays.Contains(local.DayOfWeek);
    }

    private static async Task OwnerReviewsPromotionAsync(AgentRuntime agent, SimulationClock clock, DateTimeOffset at, List<string> dayEvents, CancellationToken cancellationToken)
    {
        if (agent.Stage is Stage.ProductionOwned or Stage.Paused or Stage.Retired)
        {
            return;
        }

        clock.MoveTo(at);
        var check = await agent.CheckPromotionAsync(cancellationToken).ConfigureAwait(false);
        if (!check.Ready)
        {
            return;
        }

        var change = await agent.PromoteAsync(agent.UseCase.Business.Owner, "promotion criteria met on stored evidence; signed off by the line owner", cancellationToken).ConfigureAwait(false);
        var accuracy = double.Parse(change.Evidence["accuracy"], System.Globalization.CultureInfo.InvariantCulture);
        dayEvents.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"promoted {change.From} -> {change.To}, signed by {change.Actor}: accuracy {accuracy * 100:0.0} % over {change.Evidence["labelled"]} labelled cases on {change.From}"));
    }

    private async Task PaceAsync(long started, int day, CancellationToken cancellationToken)
    {
        if (settings.DaysPerSecond <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds(day / settings.DaysPerSecond);
        var ahead = due - wallClock.GetElapsedTime(started);
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead, wallClock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static double TrainPilot(LineSimulationOptions options, string path, CancellationToken cancellationToken)
    {
        var history = PilotDataSet.Generate(options.Seed, PilotRows, options);
        var holdout = PilotDataSet.Generate(options.Seed + 1_000_003, HoldoutRows, options);
        var trainer = new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(SensorNames.All) { Seed = (int)(options.Seed & 0x7FFFFFFF) });
        var model = trainer.Train([.. history.Select(r => r.Sensors)], [.. history.Select(r => r.TrueAction)], cancellationToken);
        using (var file = File.Create(path))
        {
            model.Save(file);
        }

        var adapter = new InProcessModelAdapter(model, "pilot-1.0");
        var correct = 0;
        foreach (var row in holdout)
        {
            var output = adapter.PredictAsync(new Core.Cases.FeatureVector(row.Sensors), cancellationToken).AsTask().GetAwaiter().GetResult();
            if (output.Action.Name == row.TrueAction)
            {
                correct++;
            }
        }

        return (double)correct / holdout.Count;
    }

    private static void PrepareDataFolder(string data)
    {
        Directory.CreateDirectory(data);
        // The demo owns these files; anything else in the folder is left alone.
        foreach (var name in new[] { "rung.db", "rung.db-wal", "rung.db-shm", "pilot-model.json", "usecase.yaml" })
        {
            File.Delete(Path.Combine(data, name));
        }

        var actions = Path.Combine(data, "actions");
        if (Directory.Exists(actions))
        {
            Directory.Delete(actions, recursive: true);
        }
    }

    private static string ReadEmbeddedUseCase()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo-usecase.yaml")
            ?? throw new InvalidOperationException("The demo's use case is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
