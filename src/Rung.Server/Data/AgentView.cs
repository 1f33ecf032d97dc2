using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Runtime.Monitoring;
using Rung.Storage.Journal;

namespace Rung.Server.Data;

/// <summary>Everything the agent page shows.</summary>
/// <param name="Row">The portfolio line.</param>
/// <param name="History">Stage changes, oldest first.</param>
/// <param name="Snapshot">The latest monitor snapshot, or null.</param>
/// <param name="Floor">The SLO accuracy floor, or null when the use case is not known to the console.</param>
/// <param name="AlertLine">The alert line, likewise.</param>
/// <param name="Days">Daily counts for the last <see cref="ConsoleData.TrendDays"/> days, oldest first.</param>
/// <param name="DriftTrend">Per feature, the PSI of the snapshots seen while the console ran, oldest first.</param>
/// <param name="Alarms">Active alarms, newest first.</param>
public sealed record AgentView(
    PortfolioRow Row,
    IReadOnlyList<StageChange> History,
    MonitorSnapshot? Snapshot,
    double? Floor,
    double? AlertLine,
    IReadOnlyList<PeriodStats> Days,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DriftTrend,
    IReadOnlyList<Alarm> Alarms);
