using System.Globalization;
using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Drift;
using Rung.Core.Ladder;
using Rung.Core.Metrics;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Core.Slo;
using Rung.Core.UseCases;
using Rung.Runtime.Agents;
using Rung.Storage.Journal;

namespace Rung.Runtime.Monitoring;

/// <summary>
/// Watches one agent: live metrics, input, prediction and confidence drift against the model's reference
/// profile, a change detector on the error stream, data quality and latency. Memory is bounded by its
/// windows whatever the volume. The alert line pages only on stages that commit on their own: on Shadow and
/// ApproveEach a person stands behind every action, and the same numbers are the promotion evidence. It only observes and judges; <see cref="AlarmCenter"/> turns its conditions
/// into alarms. Not thread-safe: fed by the agent's runtime loop.
/// </summary>
public sealed class AgentMonitor
{
    /// <summary>The numeric drift feature holding the model's confidence.</summary>
    public const string ConfidenceFeature = "confidence";

    /// <summary>The categorical drift feature holding the proposed action.</summary>
    public const string ActionFeature = "action";

    private const int RecentWindow = 500;
    private const int LatencyRotation = 1000;
    private const int CalibrationPairs = 2000;
    private const int ConceptLatch = 200;
    private const double ModelFailureMaxRate = 0.05;

    private readonly AgentDefinition _agent;
    private readonly MonitoringDefinition _settings;
    private readonly DriftDetector? _drift;
    private readonly SlidingWindow<IReadOnlyDictionary<string, double>> _numericRows;
    private readonly SlidingWindow<IReadOnlyDictionary<string, string>> _actionRows;
    private readonly RollingAccuracy _accuracy;
    private readonly RollingApprovals _approvals = new(RecentWindow);
    private readonly RollingRate _excepted = new(RecentWindow);
    private readonly RollingRate _modelFailed = new(RecentWindow);
    private readonly Dictionary<string, RollingRate> _badInput = new(StringComparer.Ordinal);
    private readonly ThroughputCounter _throughput = new(TimeSpan.FromHours(1));
    private readonly Adwin _errors = new();
    private readonly SlidingWindow<(double Confidence, bool Correct)> _calibration = new(CalibrationPairs);
    private readonly SlidingWindow<double> _recentConfidence = new(RecentWindow);
    private LatencySketch _latency = new();
    private LatencySketch _previousLatency = new();
    private long _decisions;
    private long _judgements;
    private long _lastConceptDetection = long.MinValue / 2;
    private int _sinceDriftCheck;
    private DriftReport? _lastDrift;

    /// <summary>Creates a monitor; without a reference profile nothing is tested for drift.</summary>
    public AgentMonitor(AgentDefinition agent, ReferenceProfile? reference)
    {
        ArgumentNullException.ThrowIfNull(agent);
        _agent = agent;
        _settings = agent.MonitoringOrDefault;
        _drift = reference is null ? null : new DriftDetector(reference);
        _numericRows = new(_settings.DriftWindow);
        _actionRows = new(_settings.DriftWindow);
        _accuracy = new RollingAccuracy(agent.Slo.Window);
        foreach (var input in agent.Inputs)
        {
            _badInput[input.Name] = new RollingRate(RecentWindow);
        }
    }

    /// <summary>The latest drift report, or null before the first full window.</summary>
    public DriftReport? LastDrift => _lastDrift;

    /// <summary>Observes decisions just journalled.</summary>
    public void ObserveDecisions(IReadOnlyList<DecisionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _decisions++;
            var proposal = record.Proposal;
            var features = record.Case.Features.Values;
            var flags = record.Case.Features.Flags;
            foreach (var (name, rate) in _badInput)
            {
                // The data contract flags every value it could not accept, required or optional.
                var bad = false;
                for (var i = 0; i < flags.Count && !bad; i++)
                {
                    bad = flags[i].Feature == name;
                }

                rate.Add(bad);
            }

            var failed = ModelFailureReason.IsOn(record);
            _modelFailed.Add(failed);
            _excepted.Add(record.Decision.Disposition == Disposition.Excepted);
            _throughput.Add(record.DecidedAt);
            _latency.Add(proposal.Latency);
            if (_latency.Count >= LatencyRotation)
            {
                _previousLatency = _latency;
                _latency = new LatencySketch();
            }

            if (!failed)
            {
                var row = new Dictionary<string, double>(features, StringComparer.Ordinal) { [ConfidenceFeature] = proposal.Confidence };
                _numericRows.Add(row);
                _actionRows.Add(new Dictionary<string, string>(StringComparer.Ordinal) { [ActionFeature] = proposal.Action.Name });
                _recentConfidence.Add(proposal.Confidence);
                _sinceDriftCheck++;
            }
        }
    }

    /// <summary>Observes a label that counted in the SLO, with the decision it labels.</summary>
    /// <returns>True when the error-stream detector found a change with this label.</returns>
    public bool ObserveJudgement(DecisionRecord decision, Judgement judgement)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(judgement);
        _judgements++;
        _accuracy.Add(judgement.ProposedAction, decision.Proposal.Severity, judgement.Correct);
        _calibration.Add((decision.Proposal.Confidence, judgement.Correct));
        // Only a rise in errors is news; the detector also reports falls, which are not alarms.
        var before = _errors.Mean;
        if (_errors.Add(!judgement.Correct) && _errors.Mean > before)
        {
            _lastConceptDetection = _judgements;
            return true;
        }

        return false;
    }

    /// <summary>Observes approvers' verdicts.</summary>
    public void ObserveVerdicts(IReadOnlyList<Approval> approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        foreach (var approval in approvals)
        {
            if (approval.Verdict == Verdict.Approved)
            {
                _approvals.Approve();
            }
            else
            {
                _approvals.Reject(approval.Reason);
            }
        }
    }

    /// <summary>Every alarm condition, holding or not, for the alarm book.</summary>
    public IReadOnlyList<AlarmCondition> Conditions(Stage stage, SloStatus slo, SloBreach? breach, QueueStatus queue)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(queue);
        var conditions = new List<AlarmCondition>
        {
            AlertLine(stage, slo, breach?.Kind == SloBreachKind.AccuracyBelowAlertLine ? breach : null),
            new(
                AlarmRules.HighSeverityError, string.Empty,
                breach?.Kind == SloBreachKind.HighSeverityError, AlarmSeverity.Critical,
                $"high-severity error on {(breach is null ? "-" : string.Join(", ", breach.CaseIds))}",
                Evidence(("cases", breach is null ? string.Empty : string.Join(",", breach.CaseIds)), ("stage", stage.ToString())),
                ClearsItself: false),
            new(
                AlarmRules.ConceptDrift, string.Empty,
                _judgements - _lastConceptDetection < ConceptLatch, AlarmSeverity.Warning,
                Invariant($"errors rising: the error rate on labelled cases changed to {_errors.Mean * 100:0.0} %"),
                Evidence(("error_rate", Invariant($"{_errors.Mean:0.0000}")), ("detector", "ADWIN delta 0.002"), ("labels_since_detection", Invariant($"{_judgements - _lastConceptDetection}")))),
            new(
                AlarmRules.QueueSlaAtRisk, string.Empty,
                queue.AtRisk > 0, queue.Overdue > 0 ? AlarmSeverity.Critical : AlarmSeverity.Warning,
                Invariant($"{queue.AtRisk} exception items near or past their due time ({queue.Overdue} overdue)"),
                Evidence(("open", Invariant($"{queue.Open}")), ("at_risk", Invariant($"{queue.AtRisk}")), ("overdue", Invariant($"{queue.Overdue}")), ("oldest_hours", Invariant($"{queue.OldestAge.TotalHours:0.0}")))),
        };

        var p99 = LatencyP99();
        var budget = _agent.Slo.LatencyBudgetOrDefault.TotalMilliseconds;
        conditions.Add(new(
            AlarmRules.Latency, string.Empty, p99 > budget, AlarmSeverity.Warning,
            Invariant($"decision latency p99 {p99:0.0} ms over the budget of {budget:0} ms"),
            Evidence(("p99_ms", Invariant($"{p99:0.00}")), ("budget_ms", Invariant($"{budget:0}")))));

        var failures = _modelFailed.Rate ?? 0;
        conditions.Add(new(
            AlarmRules.ModelFailure, string.Empty, _modelFailed.IsFull && failures > ModelFailureMaxRate, AlarmSeverity.Critical,
            Invariant($"the model failed on {failures * 100:0.0} % of the last {_modelFailed.Count} cases"),
            Evidence(("failure_rate", Invariant($"{failures:0.0000}")), ("window", Invariant($"{_modelFailed.Count}")))));

        foreach (var (input, rate) in _badInput)
        {
            var bad = rate.Rate ?? 0;
            conditions.Add(new(
                AlarmRules.DataQuality, input, rate.IsFull && bad > _settings.DataQualityMaxRate, AlarmSeverity.Warning,
                Invariant($"{input}: {bad * 100:0.0} % of the last {rate.Count} values missing, not a number or implausible"),
                Evidence(("bad_rate", Invariant($"{bad:0.0000}")), ("max_rate", Invariant($"{_settings.DataQualityMaxRate}")), ("window", Invariant($"{rate.Count}")))));
        }

        conditions.AddRange(DriftConditions());
        return conditions;
    }

    // A breach (which has just demoted the agent and emptied its window) or a window under the line now: either
    // way a person has to look, so the alarm stays until someone resolves it.
    private AlarmCondition AlertLine(Stage stage, SloStatus slo, SloBreach? breach)
    {
        var status = breach?.Status ?? slo;
        var active = breach is not null || (TrustLadder.CommitsAutomatically(stage) && slo.WindowFull && slo.RollingAccuracy < _agent.Slo.AlertLine);
        return new AlarmCondition(
            AlarmRules.SloAlertLine, string.Empty, active, AlarmSeverity.Critical,
            Invariant($"rolling accuracy {status.RollingAccuracy * 100:0.0} % over the last {status.Labelled} labelled cases, under the alert line {_agent.Slo.AlertLine * 100:0.0} %"),
            Evidence(
                ("rolling_accuracy", Invariant($"{status.RollingAccuracy:0.0000}")),
                ("labelled", Invariant($"{status.Labelled}")),
                ("first_case", breach?.CaseIds.Count > 0 ? breach.CaseIds[0] : string.Empty),
                ("last_case", breach?.CaseIds.Count > 0 ? breach.CaseIds[^1] : string.Empty),
                ("stage_now", stage.ToString())),
            ClearsItself: false);
    }

    /// <summary>The numbers for a person.</summary>
    public MonitorSnapshot Snapshot(string agentId, DateTimeOffset now, Stage stage, SloStatus slo, QueueStatus queue)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var byClass = _accuracy.ByClass.Where(c => c.Value.Rate is not null).ToDictionary(c => c.Key, c => c.Value.Rate!.Value, StringComparer.Ordinal);
        var bySeverity = Enum.GetValues<Severity>().Select(s => (s, _accuracy.BySeverity(s).Rate)).Where(x => x.Rate is not null).ToDictionary(x => x.s.ToString(), x => x.Rate!.Value, StringComparer.Ordinal);
        var latency = LatencyForReport();
        return new MonitorSnapshot(
            agentId, now, stage.ToString(), _decisions, slo.RollingAccuracy, slo.Labelled, slo.Health.ToString(),
            byClass, bySeverity, EstimateAccuracy(), _approvals.ApproveRate, new Dictionary<string, int>(_approvals.RejectionReasons, StringComparer.Ordinal),
            _excepted.Rate, _modelFailed.Rate, queue,
            latency.Count == 0 ? 0 : latency.P50, latency.Count == 0 ? 0 : latency.P95, latency.Count == 0 ? 0 : latency.P99,
            _throughput.PerMinute(now),
            _badInput.ToDictionary(b => b.Key, b => b.Value.Rate ?? 0, StringComparer.Ordinal),
            _lastDrift is null ? [] : [.. _lastDrift.Features.Select(f => new DriftLine(f.Feature, f.Test.ToString(), f.Statistic, f.AdjustedPValue, f.Psi, f.Drifted))],
            _errors.Detections);
    }

    /// <summary>Accuracy estimated from the model's confidence, calibrated on the labels seen so far; null until there are enough.</summary>
    public double? EstimateAccuracy()
    {
        if (_calibration.Count < 100 || _recentConfidence.Count == 0)
        {
            return null;
        }

        var calibration = IsotonicCalibration.Fit(_calibration.Snapshot());
        return Core.Drift.EstimatedAccuracy.Of(calibration, _recentConfidence.Snapshot());
    }

    private IEnumerable<AlarmCondition> DriftConditions()
    {
        if (_drift is null || !_numericRows.IsFull)
        {
            yield break;
        }

        // Re-test every tenth of a window: drift moves over hundreds of cases, and the tests sort the window.
        if (_lastDrift is null || _sinceDriftCheck >= Math.Max(10, _numericRows.Capacity / 10))
        {
            _lastDrift = _drift.Evaluate(_numericRows.Snapshot(), _actionRows.Snapshot());
            _sinceDriftCheck = 0;
        }

        foreach (var f in _lastDrift.Features)
        {
            var (rule, subject) = f.Feature switch
            {
                ConfidenceFeature => (AlarmRules.ConfidenceDrift, string.Empty),
                ActionFeature => (AlarmRules.PredictionDrift, string.Empty),
                _ => (AlarmRules.InputDrift, f.Feature),
            };
            var measure = f.AdjustedPValue is { } p ? Invariant($"p = {p:0.####}") : Invariant($"distance {f.Statistic:0.000}");
            // Significant and large: on hundreds of cases a test finds tiny, harmless shifts significant, so an
            // alarm also needs the population stability index at its notable line.
            yield return new AlarmCondition(
                rule, subject, f.Drifted && f.PsiNotable, AlarmSeverity.Warning,
                Invariant($"{f.Feature} drifted from the model's reference ({f.Test}, {measure}, PSI {f.Psi:0.00}) over the last {f.WindowSize} cases"),
                Evidence(("feature", f.Feature), ("test", f.Test.ToString()), ("statistic", Invariant($"{f.Statistic:0.0000}")), ("p_value", f.AdjustedPValue is { } ap ? Invariant($"{ap:0.######}") : string.Empty), ("psi", Invariant($"{f.Psi:0.0000}")), ("window", Invariant($"{f.WindowSize}"))));
        }
    }

    private double LatencyP99()
    {
        var sketch = LatencyForReport();
        return sketch.Count < 100 ? 0 : sketch.P99;
    }

    private LatencySketch LatencyForReport() => _latency.Count >= _previousLatency.Count || _previousLatency.Count == 0 ? _latency : _previousLatency;

    private static Dictionary<string, string> Evidence(params (string Key, string Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
