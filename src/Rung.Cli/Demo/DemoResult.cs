using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Storage.Journal;

namespace Rung.Cli.Demo;

/// <summary>What the demo did, read back from the journal.</summary>
/// <param name="Weeks">Per simulated week, from the journal.</param>
/// <param name="History">The stage history.</param>
/// <param name="Cases">Cases decided.</param>
/// <param name="ActionsDelivered">Distinct actions in the actions file.</param>
/// <param name="PilotHoldoutAccuracy">The pilot model's accuracy on held-out history before going live.</param>
/// <param name="DataFolder">Where everything is.</param>
/// <param name="Alarms">Every alarm of the run, oldest first.</param>
/// <param name="DriftFindings">The input-drift alarms raised after the supplier change, with how many cases after it.</param>
/// <param name="Replication">What replicating the use case to a second line showed, one line each; empty when it did not run.</param>
internal sealed record DemoResult(IReadOnlyList<PeriodStats> Weeks, IReadOnlyList<StageChange> History, long Cases, int ActionsDelivered, double PilotHoldoutAccuracy, string DataFolder, IReadOnlyList<Alarm> Alarms, IReadOnlyList<string> DriftFindings, IReadOnlyList<string>? Replication = null);
