using System.Globalization;
using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.UseCases;

namespace Rung.Bench.Drift;

/// <summary>Use cases for the benchmark, written as a plant would write them and read by the real loader.</summary>
internal static class BenchUseCases
{
    private const string LineInputs = """
            - { name: spindle_speed,  unit: rpm,    min: 0,   max: 20000 }
            - { name: feed_rate,      unit: mm/min, min: 0,   max: 5000 }
            - { name: spindle_temp,   unit: degC,   min: 0,   max: 150 }
            - { name: vibration_rms,  unit: mm/s,   min: 0,   max: 50 }
            - { name: spindle_torque, unit: Nm,     min: 0,   max: 100 }
            - { name: tool_wear,      unit: min,    min: 0,   max: 600 }
            - { name: ambient_temp,   unit: degC,   min: -20, max: 60, required: false }
        """;

    /// <summary>An agent whose inputs are the synthetic stream's x1..xk.</summary>
    public static UseCaseDefinition Synthetic(int features, int driftWindow)
    {
        var inputs = string.Join('\n', SyntheticStream.FeatureNames(features).Select(n => $"    - {{ name: {n}, unit: u, min: -1000, max: 1000 }}"));
        return Load(inputs, driftWindow, Stage.Shadow);
    }

    /// <summary>The simulated CNC line's finishing-cell agent, as in the demo.</summary>
    public static UseCaseDefinition Line(int driftWindow, Stage stage) => Load(LineInputs, driftWindow, stage);

    private static UseCaseDefinition Load(string inputs, int driftWindow, Stage stage)
    {
        var yaml = $$"""
            usecase: { id: bench-quality, name: Benchmark quality }
            business: { kpi: scrap rate, unit: "%", baseline: 4.1, target: 2.5, owner: line3.lead, value_per_case: 0.35, currency: EUR }
            agent:
              id: {{SyntheticStream.AgentId}}
              scope: acme/dortmund/machining/line3/cell2
              initial_stage: {{stage}}
              model: { kind: in_process, version: "pilot-1.0", command: pilot-model.json }
              inputs:
            {{inputs}}
              actions:
                - { name: accept, severity: Medium }
                - { name: scrap, severity: Low }
                - { name: hold_for_inspection, severity: Low }
                - { name: stop_line, severity: High }
              default_action: hold_for_inspection
              guard:
                allowed_actions: [accept, scrap, hold_for_inspection, stop_line]
                rate_limits: [ { action: scrap, max: 40, window: 1h } ]
                forbidden_targets: [ "acme/+/+/+/safety/#" ]
              thresholds: { min_confidence: 0.9 }
              slo: { window: 100, accuracy_floor: 0.92, alert_line: 0.90, exception_sla: 4h, latency_budget: 100ms }
              calendar: { time_zone: Europe/Berlin, working_days: [Mon, Tue, Wed, Thu, Fri], hours: "06:00-22:00" }
              error_severity:
                - { proposed: accept, actual: stop_line, severity: High }
              monitoring: { backup_owner: plant.duty, drift_window: {{driftWindow.ToString(CultureInfo.InvariantCulture)}} }
            """;
        return UseCaseLoader.Load(yaml, "bench-usecase.yaml").Definition;
    }
}
