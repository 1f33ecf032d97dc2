namespace Rung.Cli.Commands;

/// <summary>One action's row: how often people chose it, how often the agent would have, and how often both did on the same case.</summary>
/// <param name="Action">The action.</param>
/// <param name="Human">Labelled cases where people chose it.</param>
/// <param name="Agent">Labelled cases where the agent would have proposed it.</param>
/// <param name="Agreed">Labelled cases where both chose it.</param>
/// <param name="Precision">Agreed / Agent, or null when the agent never proposed it.</param>
/// <param name="Recall">Agreed / Human, or null when people never chose it.</param>
internal sealed record ReplayReportClass(string Action, long Human, long Agent, long Agreed, double? Precision, double? Recall);
