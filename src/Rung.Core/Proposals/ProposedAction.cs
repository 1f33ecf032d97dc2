namespace Rung.Core.Proposals;

/// <summary>What the model would do: an action name, optionally a target and a value.</summary>
/// <param name="Name">One of the actions the use case declares, for example <c>scrap</c> or <c>draft_order</c>.</param>
/// <param name="Target">Where the action goes (a tag, a system, a machine), or null for the agent's default target.</param>
/// <param name="Value">A numeric setting or quantity, or null when the action carries none.</param>
public sealed record ProposedAction(string Name, string? Target = null, double? Value = null);
