namespace Rung.Core.UseCases;

/// <summary>One input read from one tag in the namespace.</summary>
/// <param name="Feature">The input's name in <see cref="AgentDefinition.Inputs"/>.</param>
/// <param name="Tag">An MQTT topic (wildcards allowed) or a Sparkplug metric path <c>spBv1.0/group/edge[/device]/metric</c>.</param>
/// <param name="Unit">The unit the tag publishes in; null means the input's own unit, so no conversion.</param>
/// <param name="MaxAge">How old a value may be at case time before it is stale; null means no limit.</param>
/// <param name="HoldLast">
/// How long the last good value may stand in, flagged Held, when the latest is too old or of bad quality; null means never.
/// </param>
public sealed record UnsTagDefinition(string Feature, string Tag, string? Unit = null, TimeSpan? MaxAge = null, TimeSpan? HoldLast = null);
