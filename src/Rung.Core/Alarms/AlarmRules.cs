namespace Rung.Core.Alarms;

/// <summary>The rules that raise alarms; their names key the use case's runbook.</summary>
public static class AlarmRules
{
    /// <summary>Rolling accuracy under the alert line over a full window.</summary>
    public const string SloAlertLine = "slo.alert_line";

    /// <summary>A high-severity error beyond the SLO's tolerance.</summary>
    public const string HighSeverityError = "slo.high_severity";

    /// <summary>An input's distribution moved away from the model's reference profile.</summary>
    public const string InputDrift = "drift.input";

    /// <summary>The distribution of proposed actions moved.</summary>
    public const string PredictionDrift = "drift.prediction";

    /// <summary>The distribution of the model's confidence moved.</summary>
    public const string ConfidenceDrift = "drift.confidence";

    /// <summary>The error rate on labelled cases rose (a change detector on the error stream).</summary>
    public const string ConceptDrift = "drift.concept";

    /// <summary>An input arrives missing, not a number or implausible too often.</summary>
    public const string DataQuality = "data_quality";

    /// <summary>Exception items close to or past their due time.</summary>
    public const string QueueSlaAtRisk = "queue.sla_at_risk";

    /// <summary>Decision latency p99 over the agent's budget.</summary>
    public const string Latency = "latency.p99";

    /// <summary>The model fails or times out too often.</summary>
    public const string ModelFailure = "model.failure";

    /// <summary>Every rule name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SloAlertLine, HighSeverityError, InputDrift, PredictionDrift, ConfidenceDrift, ConceptDrift, DataQuality, QueueSlaAtRisk, Latency, ModelFailure];
}
