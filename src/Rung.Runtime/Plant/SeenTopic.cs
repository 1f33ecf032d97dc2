namespace Rung.Runtime.Plant;

/// <summary>One topic (or Sparkplug metric path) seen while browsing the namespace.</summary>
/// <param name="Topic">The topic, or the metric path <c>spBv1.0/group/edge[/device]/metric</c>.</param>
/// <param name="Count">Messages seen.</param>
/// <param name="Retained">True when the broker held a retained value for it.</param>
/// <param name="Kind">What the last payload looked like.</param>
/// <param name="LastValue">The last value as text, shortened for a table.</param>
/// <param name="Unit">The <c>unit</c> field of the last JSON payload, or null.</param>
public sealed record SeenTopic(string Topic, long Count, bool Retained, PayloadKind Kind, string LastValue, string? Unit);
