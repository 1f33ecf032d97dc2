using System.Text.Json.Serialization;

namespace Rung.Runtime.Monitoring;

/// <summary>Everything the monitor knows about one agent at one moment, as <c>rung agent status</c> and the console show it.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Stage">The stage.</param>
/// <param name="Decisions">Decisions observed by this process.</param>
/// <param name="RollingAccuracy">SLO accuracy on the current stage, or null before any label.</param>
/// <param name="Labelled">Labels in the SLO window.</param>
/// <param name="SloHealth">The SLO verdict.</param>
/// <param name="AccuracyByClass">Rolling accuracy per proposed action.</param>
/// <param name="AccuracyBySeverity">Rolling accuracy per severity class of the proposed action.</param>
/// <param name="EstimatedAccuracy">Accuracy estimated from calibrated confidence over recent decisions, before their labels arrive; null until calibrated.</param>
/// <param name="ApproveRate">Approved share of the recent verdicts, or null.</param>
/// <param name="RejectionReasons">Counts of recent rejection reasons.</param>
/// <param name="ExceptionRate">Share of recent decisions routed to people, or null.</param>
/// <param name="ModelFailureRate">Share of recent decisions where the model failed and the safe default was used, or null.</param>
/// <param name="Queue">The exception queue.</param>
/// <param name="LatencyP50Ms">Decision latency p50 in milliseconds over recent decisions.</param>
/// <param name="LatencyP95Ms">p95.</param>
/// <param name="LatencyP99Ms">p99.</param>
/// <param name="ThroughputPerMinute">Decisions per minute over the last hour.</param>
/// <param name="DataQuality">Per input: the share of recent cases where its value was missing, not a number or implausible.</param>
/// <param name="Drift">The latest drift verdict per feature, or empty before the first full window.</param>
/// <param name="ConceptDriftDetections">Changes the error-stream detector found since this process started.</param>
public sealed record MonitorSnapshot(
    string AgentId,
    DateTimeOffset At,
    string Stage,
    long Decisions,
    double? RollingAccuracy,
    int Labelled,
    string SloHealth,
    IReadOnlyDictionary<string, double> AccuracyByClass,
    IReadOnlyDictionary<string, double> AccuracyBySeverity,
    double? EstimatedAccuracy,
    double? ApproveRate,
    IReadOnlyDictionary<string, int> RejectionReasons,
    double? ExceptionRate,
    double? ModelFailureRate,
    QueueStatus Queue,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    double ThroughputPerMinute,
    IReadOnlyDictionary<string, double> DataQuality,
    IReadOnlyList<DriftLine> Drift,
    int ConceptDriftDetections);

/// <summary>One feature's latest drift verdict.</summary>
/// <param name="Feature">The feature (an input, <c>confidence</c> or <c>action</c>).</param>
/// <param name="Test">The test used.</param>
/// <param name="Statistic">Its statistic or distance.</param>
/// <param name="PValue">Its corrected p-value, or null for a distance.</param>
/// <param name="Psi">Population stability index.</param>
/// <param name="Drifted">The verdict.</param>
public sealed record DriftLine(string Feature, string Test, double Statistic, double? PValue, double Psi, bool Drifted);

/// <summary>Source-generated JSON for the snapshot.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(MonitorSnapshot))]
public sealed partial class MonitorSnapshotContext : JsonSerializerContext;
