namespace Rung.Uns;

/// <summary>One value of one tag, decoded from a JSON or Sparkplug B payload.</summary>
/// <param name="Tag">The topic, or for Sparkplug the metric path <c>spBv1.0/group/edge[/device]/metric</c>.</param>
/// <param name="Number">The value as a number (booleans as 1 and 0); null when it is not numeric or null.</param>
/// <param name="Text">The value as text when it is a string; null otherwise.</param>
/// <param name="Timestamp">The source time, or the receive time when the payload carries none.</param>
/// <param name="Quality">The source's quality.</param>
public sealed record TagValue(string Tag, double? Number, string? Text, DateTimeOffset Timestamp, TagQuality Quality = TagQuality.Good)
{
    /// <summary>The value as text for keys and logs: the string, or the number in invariant culture.</summary>
    public string? AsText() =>
        Text ?? Number?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
