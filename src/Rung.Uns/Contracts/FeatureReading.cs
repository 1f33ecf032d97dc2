namespace Rung.Uns.Contracts;

/// <summary>One feature of an assembled case.</summary>
/// <param name="Feature">The input's name.</param>
/// <param name="Value">The value in the input's unit; null when there is none to show.</param>
/// <param name="Quality">Its quality.</param>
/// <param name="SourceTime">The source time of the value used; null when none arrived.</param>
/// <param name="Problem">What was wrong, for a person; null when Good.</param>
public sealed record FeatureReading(string Feature, double? Value, FeatureQuality Quality, DateTimeOffset? SourceTime, string? Problem = null)
{
    /// <summary>True when the value may go to the model (Good or Held).</summary>
    public bool IsUsable => Quality is FeatureQuality.Good or FeatureQuality.Held;
}
