using System.Reflection;
using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Drift;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Models.Softmax;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Simulation;
using Rung.Simulation.Disturbances;
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
    private readonly DemoPager _pager = new();
    private long _sequence;
    private long _cases;
    private long? _casesAtSupplierChange;
    private readonly List<string> _driftFindings = [];

    /// <summary>Runs the demo, reporting each simulated day to <paramref name="progress"/>.</summary>
    public async Task<DemoResult> RunAsync(IProgress<DemoProgress>? progress, CancellationToken cancellationToken)
    {
        var data = settings.Data.FullName;
        PrepareDataFolder(data);
        var options = new LineSimulationOptions { Seed = settings.Seed };
        var (holdoutAccuracy, profile) = TrainPilot(options, Path.Combine(data, "pilot-model.json"), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(data, "pilot-model.profile.json"), profile.ToJson(), cancellationToken).ConfigureAwait(false);
        var useCasePath = Path.Combine(data, "usecase.yaml");
        await File.WriteAllTextAsync(useCasePath, ReadEmbeddedUseCase(), cancellationToken).ConfigureAwait(false);
        var useCase = UseCaseLoader.LoadFile(useCasePath).Definition;
        if (settings.Broker is not null)
        {
            await File.WriteAllTextAsync(useCasePath, DemoBroker.WithContract(ReadEmbeddedUseCase(), useCase.Agent), cancellationToken).ConfigureAwait(false);
            useCase = UseCaseLoader.LoadFile(useCasePath).Definition;
        }

        var clock = new SimulationClock(options.Start);
        await using var store = await SqliteRungStore.OpenAsync(Path.Combine(data, "rung.db"), clock, cancellationToken).ConfigureAwait(false);
        var actionsFile = Path.Combine(data, "actions", useCase.Agent.Id + ".jsonl");
        await using var connector = new RestartableActionConnector<JsonLinesActionConnector>(await JsonLinesActionConnector.OpenAsync(actionsFile, cancellationToken).ConfigureAwait(false), c => JsonLinesActionConnector.OpenAsync(actionsFile, c));
        var alarmIds = 0;
        var notifier = new Notifier([_pager, new FileChannel(Path.Combine(data, "pages.jsonl"))]);
        var alarms = new AlarmCenter(useCase, store, notifier, clock, () => $"A{++alarmIds:0000}");
        await using var retraining = await DemoRetraining.StartAsync(data, useCase, store, alarms, clock, (int)(settings.Seed & 0x7FFFFFFF), cancellationToken).ConfigureAwait(false);
        var model = retraining.Host;
        // The profile is read back through the use case, as any deployment reads its model's profile.
        var reference = await ModelFactory.LoadProfileAsync(useCase.Agent.Model, data, cancellationToken).ConfigureAwait(false);
        var watch = new AgentWatch(useCase, new AgentMonitor(useCase.Agent, reference), alarms, store, clock);
        var agent = retraining.Observe(await AgentRuntime.StartAsync(useCase, store, model, connector, clock, watch, cancellationToken).ConfigureAwait(false));
        using var ladder = await DemoLadder.StartAsync(store, useCase, data, clock, cancellationToken).ConfigureAwait(false);
        var connectorCheck = new DemoConnectorCheck(connector, actionsFile);
        await DemoGates.SendTestPageAsync(store, notifier, useCase, clock, cancellationToken).ConfigureAwait(false);
        await using var broker = settings.Broker is null ? null : await DemoBroker.ConnectAsync(settings.Broker, agent, clock, cancellationToken).ConfigureAwait(false);
        var supplierChange = options.Start + options.Disturbances.OfType<SupplierChange>().Select(d => d.After).DefaultIfEmpty(TimeSpan.MaxValue / 2).First();

        var line = new MachiningLine(options);
        var people = new SimulatedPeople(options);
        var end = options.Start.AddDays(settings.Days);
        var started = wallClock.GetTimestamp();
        await using var edge = new DemoEdge(data, useCase, store, clock, options.Start, end);
        long cases = 0;
        var dayEvents = new List<string>();
        for (var slotStart = options.Start; slotStart < end; slotStart += Slot)
        {
            var slotEnd = slotStart + Slot;
            if (_casesAtSupplierChange is null && slotStart >= supplierChange)
            {
                _casesAtSupplierChange = _cases;
                dayEvents.Add("the bar-stock supplier changes today");
            }

            if (IsOwnersMorningCheck(slotStart, options))
            {
                clock.MoveTo(slotStart);
                await ladder.ReviewAsync(agent, dayEvents, cancellationToken).ConfigureAwait(false);
                await OwnerAcknowledgesSummaryAsync(store, agent, slotStart, cancellationToken).ConfigureAwait(false);
            }

            await OwnerTakesAlarmsAsync(store, alarms, agent, slotStart, options, cancellationToken).ConfigureAwait(false);
            await connectorCheck.RunIfDueAsync(store, agent, clock, slotStart, dayEvents, cancellationToken).ConfigureAwait(false);

            // What people did during the hour is recorded before the hour's parts are decided at its end.
            await ApplyDueEventsAsync(agent, people, clock, slotEnd, dayEvents, cancellationToken).ConfigureAwait(false);
            var parts = line.Produce(slotStart, slotEnd).ToList();
            if (parts.Count > 0)
            {
                clock.MoveTo(slotEnd);
                var inputs = parts.Select(p => new CaseInput(p.PartId, p.ProducedAt, p.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value))).ToList();
                var decided = broker is null ? await agent.DecideAsync(inputs, cancellationToken).ConfigureAwait(false) : await broker.DecideAsync(parts, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < parts.Count; i++)
                {
                    Schedule(parts[i], decided[i].Record.Decision.Disposition, decided[i].Record.Proposal.Action.Name, decided[i].Record.DecidedAt, people);
                }

                cases += parts.Count;
                _cases = cases;
            }

            await edge.AfterSlotAsync(slotEnd, parts, dayEvents, cancellationToken).ConfigureAwait(false);

            ReportPages(dayEvents);

            if ((slotEnd - options.Start).Ticks % TimeSpan.TicksPerDay == 0)
            {
                var day = (int)((slotEnd - options.Start).Ticks / TimeSpan.TicksPerDay);
                var open = await store.GetOpenExceptionsAsync(agent.AgentId, 10_000, cancellationToken).ConfigureAwait(false);
                var pending = await store.GetPendingApprovalsAsync(agent.AgentId, 10_000, cancellationToken).ConfigureAwait(false);
                dayEvents.AddRange(await retraining.AfterDayAsync(agent, await store.GetStageHistoryAsync(agent.AgentId, cancellationToken).ConfigureAwait(false), supplierChange, cancellationToken).ConfigureAwait(false));
                progress?.Report(new DemoProgress(day, settings.Days, slotEnd, agent.Stage, agent.Slo, cases, open.Count, pending.Count, [.. dayEvents]));
                dayEvents.Clear();
                await DemoAudit.CheckpointAsync(store, data, clock, cancellationToken).ConfigureAwait(false);
                await PaceAsync(started, day, cancellationToken).ConfigureAwait(false);
            }
        }

        var weeks = await store.GetPeriodStatsAsync(agent.AgentId, options.Start, TimeSpan.FromDays(7), end, cancellationToken).ConfigureAwait(false);
        var history = await store.GetStageHistoryAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        var allAlarms = await store.GetAlarmsAsync(agent.AgentId, activeOnly: false, 10_000, cancellationToken).ConfigureAwait(false);
        await DemoGates.WriteReportAsync(store, useCase, clock, data, cancellationToken).ConfigureAwait(false);
        var replication = await DemoReplication.RunAsync(data, DemoBroker.WithContract(ReadEmbeddedUseCase(), useCase.Agent), store, clock, settings.Seed, cancellationToken).ConfigureAwait(false);
        return new DemoResult(weeks, history, cases, connector.Current.DeliveredCount, holdoutAccuracy, data, [.. allAlarms.Reverse()], _driftFindings, replication);
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

    // The pilot is trained on the line's history, and the same history, with the pilot's own answers on it,
    // becomes the reference profile that live drift is measured against.
    private static (double HoldoutAccuracy, ReferenceProfile Profile) TrainPilot(LineSimulationOptions options, string path, CancellationToken cancellationToken)
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
        var numeric = new List<IReadOnlyDictionary<string, double>>(history.Count);
        var categorical = new List<IReadOnlyDictionary<string, string>>(history.Count);
        foreach (var row in history)
        {
            var answer = adapter.Predict(new Core.Cases.FeatureVector(row.Sensors));
            numeric.Add(new Dictionary<string, double>(row.Sensors, StringComparer.Ordinal) { [AgentMonitor.ConfidenceFeature] = answer.Confidence });
            categorical.Add(new Dictionary<string, string>(StringComparer.Ordinal) { [AgentMonitor.ActionFeature] = answer.Action.Name });
        }

        var profile = ReferenceProfile.Build("pilot-1.0", numeric, categorical);
        var correct = holdout.Count(row => adapter.Predict(new Core.Cases.FeatureVector(row.Sensors)).Action.Name == row.TrueAction);
        return ((double)correct / holdout.Count, profile);
    }

    private void ReportPages(List<string> dayEvents)
    {
        foreach (var page in _pager.Drain())
        {
            if (page.Kind == PageKind.DailySummary)
            {
                continue;
            }

            dayEvents.Add($"PAGE {page.Kind.ToString().ToLowerInvariant()} to {page.Recipient}: {page.Title}");
            if (page.Kind == PageKind.Raised && page.Rule == AlarmRules.InputDrift && _casesAtSupplierChange is { } onset)
            {
                var finding = $"{page.Evidence["feature"]} drifted ({page.Evidence["test"]}, statistic {page.Evidence["statistic"]}, PSI {page.Evidence["psi"]}) {_cases - onset} cases after the supplier change began";
                _driftFindings.Add(finding);
                dayEvents.Add("drift: " + finding);
            }
        }
    }

    // The owner reads the pages during the shift and takes each open alarm; off shift the backup is paged first.
    private static async Task OwnerTakesAlarmsAsync(SqliteRungStore store, AlarmCenter alarms, AgentRuntime agent, DateTimeOffset at, LineSimulationOptions options, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(at, options.Shifts.TimeZone);
        var onShift = options.Shifts.WorkingDays.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local.DateTime) >= options.Shifts.DayStart && TimeOnly.FromDateTime(local.DateTime) < options.Shifts.DayEnd;
        foreach (var alarm in await store.GetAlarmsAsync(agent.AgentId, activeOnly: true, 100, cancellationToken).ConfigureAwait(false))
        {
            if (alarm.State != AlarmState.Open)
            {
                continue;
            }

            if (onShift)
            {
                await alarms.AcknowledgeAsync(alarm.Id, alarms.Owner, "on it", cancellationToken).ConfigureAwait(false);
                if (alarm.Rule is AlarmRules.HighSeverityError or AlarmRules.SloAlertLine)
                {
                    // Nothing clears a high-severity error by itself: the owner closes it after the review.
                    await alarms.ResolveAsync(alarm.Id, alarms.Owner, "reviewed with QC: the affected parts were re-checked", cancellationToken).ConfigureAwait(false);
                }
            }
            else if (alarm.EscalatedTo is { } backup)
            {
                await alarms.AcknowledgeAsync(alarm.Id, backup, "taken by the plant duty", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task OwnerAcknowledgesSummaryAsync(SqliteRungStore store, AgentRuntime agent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, agent.UseCase.Agent.Calendar.TimeZone).DateTime);
        foreach (var summary in await store.GetDailySummariesAsync(agent.AgentId, today.AddDays(-3), today, cancellationToken).ConfigureAwait(false))
        {
            if (summary.AcknowledgedAt is null)
            {
                await store.AcknowledgeDailySummaryAsync(agent.AgentId, summary.Day, agent.UseCase.Business.Owner, at, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void PrepareDataFolder(string data)
    {
        Directory.CreateDirectory(data);
        DemoRetraining.Prepare(data);
        // The demo owns these files; anything else in the folder is left alone.
        foreach (var name in new[] { "rung.db", "rung.db-wal", "rung.db-shm", "pilot-model.json", "pilot-model.profile.json", "usecase.yaml", "pages.jsonl", DemoAudit.CheckpointFileName, DemoGates.ReportFile })
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
