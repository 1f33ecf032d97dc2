namespace Rung.Core.Cases;

/// <summary>A data-quality problem found on one input while building the feature vector.</summary>
/// <param name="Feature">The input's name in the data contract.</param>
/// <param name="Problem">What was wrong, for a person: "missing", "NaN", "above 400 degC", "stale by 00:05:00".</param>
public sealed record QualityFlag(string Feature, string Problem);
