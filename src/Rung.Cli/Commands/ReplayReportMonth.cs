namespace Rung.Cli.Commands;

/// <summary>One calendar month (UTC, by the case's occurred_at).</summary>
/// <param name="Month">yyyy-MM.</param>
/// <param name="Cases">Cases decided or already journalled.</param>
/// <param name="Labelled">Cases with a human action.</param>
/// <param name="Agreed">Labelled cases where the agent agreed with people.</param>
/// <param name="Agreement">Agreed / Labelled, or null with no labels.</param>
/// <param name="Flagged">Cases the data contract flagged.</param>
/// <param name="DriftedFeatures">Inputs whose distribution drifted from the reference this month; null when the month was not tested.</param>
internal sealed record ReplayReportMonth(string Month, long Cases, long Labelled, long Agreed, double? Agreement, long Flagged, IReadOnlyList<string>? DriftedFeatures);
