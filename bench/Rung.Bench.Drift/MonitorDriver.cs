using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Slo;
using Rung.Core.UseCases;
using Rung.Runtime.Monitoring;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>
/// Feeds an <see cref="AgentMonitor"/> case by case and asks for its conditions at every case where the answer
/// can change. The monitor re-tests its window when asked and at least a tenth of a window (10 cases at least)
/// has arrived since the last test, and the window is first tested when it fills; so the conditions change only
/// at cases W, W + W/10, W + 2·W/10 ... Asking there gives the same conditions, at the same cases, as asking
/// after every case, for a fraction of the cost.
/// </summary>
internal sealed class MonitorDriver
{
    private readonly List<DecisionRecord> _batch = [];
    private readonly SloStatus _slo;
    private readonly int _window;

    public MonitorDriver(UseCaseDefinition useCase, AgentMonitor monitor)
    {
        Monitor = monitor;
        _window = useCase.Agent.MonitoringOrDefault.DriftWindow;
        Step = Math.Max(10, _window / 10);
        _slo = new SloMonitor(useCase.Agent.Slo).Status;
    }

    public AgentMonitor Monitor { get; }

    /// <summary>Cases between two re-tests.</summary>
    public int Step { get; }

    /// <summary>Cases observed.</summary>
    public long Cases { get; private set; }

    /// <summary>Observes one case; returns the conditions when they may have changed with it, otherwise null.</summary>
    public IReadOnlyList<AlarmCondition>? Add(DecisionRecord record)
    {
        _batch.Add(record);
        Cases++;
        if (Cases < _window || (Cases - _window) % Step != 0)
        {
            return null;
        }

        Monitor.ObserveDecisions(_batch);
        _batch.Clear();
        return Monitor.Conditions(Stage.Shadow, _slo, null, QueueStatus.Empty);
    }

    /// <summary>Whether the drift condition of a feature is active: input drift for an input, prediction drift for the action.</summary>
    public static bool DriftActive(IReadOnlyList<AlarmCondition> conditions, string feature) =>
        conditions.Any(c => c.Active && IsDriftOf(c, feature));

    public static bool IsDriftOf(AlarmCondition condition, string feature) => feature switch
    {
        AgentMonitor.ActionFeature => condition.Rule == AlarmRules.PredictionDrift,
        AgentMonitor.ConfidenceFeature => condition.Rule == AlarmRules.ConfidenceDrift,
        _ => condition.Rule == AlarmRules.InputDrift && condition.Subject == feature,
    };

    public static bool IsDriftRule(AlarmCondition condition) =>
        condition.Rule is AlarmRules.InputDrift or AlarmRules.PredictionDrift or AlarmRules.ConfidenceDrift;
}
