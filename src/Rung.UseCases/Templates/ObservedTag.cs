namespace Rung.UseCases.Templates;

/// <summary>One topic seen on the new site's namespace during the check.</summary>
/// <param name="Topic">The topic or Sparkplug metric path.</param>
/// <param name="Count">Messages seen.</param>
/// <param name="Unit">The JSON <c>unit</c> field of the last payload, or null when it had none.</param>
/// <param name="LastValue">The last value as text.</param>
public sealed record ObservedTag(string Topic, long Count, string? Unit, string LastValue);
