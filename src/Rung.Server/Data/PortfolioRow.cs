using Rung.Core.Ladder;

namespace Rung.Server.Data;

/// <summary>One agent on the portfolio page.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="UseCaseId">Its use case.</param>
/// <param name="Name">The use case's name, or its id.</param>
/// <param name="Owner">The named owner, or an empty string when unknown.</param>
/// <param name="Stage">Current stage.</param>
/// <param name="RollingAccuracy">SLO accuracy from the latest monitor snapshot, or null.</param>
/// <param name="SloHealth">The SLO verdict, or <c>unknown</c> before the first snapshot.</param>
/// <param name="OpenAlarms">Active alarms.</param>
/// <param name="PendingApprovals">Drafts waiting (capped at the console's page size).</param>
/// <param name="OpenExceptions">Exception items waiting (capped likewise).</param>
public sealed record PortfolioRow(string AgentId, string UseCaseId, string Name, string Owner, Stage Stage, double? RollingAccuracy, string SloHealth, int OpenAlarms, int PendingApprovals, int OpenExceptions);
