using Rung.Core.Drift;

namespace Rung.Cli.Commands;

/// <summary>The drift the agent would have seen.</summary>
/// <param name="Reference">What "normal" was: the model's reference profile, or the history's first month.</param>
/// <param name="Months">Per month tested, the feature-by-feature verdicts of the drift detector.</param>
/// <param name="ErrorChanges">Labelled cases (in time order) at which ADWIN saw the agent's error rate change.</param>
internal sealed record ReplayReportDrift(string Reference, IReadOnlyDictionary<string, IReadOnlyList<FeatureDrift>> Months, IReadOnlyList<ReplayReportErrorChange> ErrorChanges);
