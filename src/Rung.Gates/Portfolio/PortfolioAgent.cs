using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Storage.Journal;

namespace Rung.Gates.Portfolio;

/// <summary>One agent as the portfolio sees it.</summary>
/// <param name="Agent">The stored agent.</param>
/// <param name="History">Its stage history, oldest first.</param>
/// <param name="Alarms">Its alarms.</param>
/// <param name="CasesByShift">Cases decided per shift name over the measured days (see <see cref="PortfolioCalculator"/>).</param>
/// <param name="Template">The template or data contract the agent was built from, when its definition names one; null otherwise.</param>
public sealed record PortfolioAgent(AgentRecord Agent, IReadOnlyList<StageChange> History, IReadOnlyList<Alarm> Alarms, IReadOnlyDictionary<string, int> CasesByShift, string? Template);
