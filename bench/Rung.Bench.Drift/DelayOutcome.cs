namespace Rung.Bench.Drift;

/// <summary>One detection run: the delay in cases after the onset (null: not detected within the horizon) and alarms raised before the onset.</summary>
internal sealed record DelayOutcome(long? Delay, int AlarmsBeforeOnset);
