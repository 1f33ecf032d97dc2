using Rung.Core.Ladder;
using Rung.Core.Slo;

namespace Rung.Cli.Demo;

/// <summary>Where the demo stands after one simulated day.</summary>
/// <param name="Day">Days done.</param>
/// <param name="Days">Days in all.</param>
/// <param name="Now">Simulated time (UTC).</param>
/// <param name="Stage">The agent's stage.</param>
/// <param name="Slo">The SLO on the current stage.</param>
/// <param name="Cases">Cases decided so far.</param>
/// <param name="OpenExceptions">Exception items waiting for a person.</param>
/// <param name="PendingApprovals">Drafts waiting for an approver.</param>
/// <param name="Events">Stage changes and other notable events of the day, for a person.</param>
internal sealed record DemoProgress(int Day, int Days, DateTimeOffset Now, Stage Stage, SloStatus Slo, long Cases, int OpenExceptions, int PendingApprovals, IReadOnlyList<string> Events);
