namespace Rung.Core.Cases;

/// <summary>A data-quality problem found on one input while building the feature vector.</summary>
/// <param name="Feature">The input's name in the data contract.</param>
/// <param name="Problem">What was wrong, for a person: "missing", "NaN", "above 400 degC", "stale by 00:05:00".</param>
/// <param name="Blocking">
/// True for a required input: the case is never committed automatically. False for an optional one: the value
/// is left out and the problem recorded and counted by the monitor, but the case may still be decided alone.
/// </param>
public sealed record QualityFlag(string Feature, string Problem, bool Blocking = true);
