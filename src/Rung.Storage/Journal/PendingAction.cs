using Rung.Core.Proposals;

namespace Rung.Storage.Journal;

/// <summary>
/// A committed action (an automatic commit or an approved draft) that the action connector has not yet
/// confirmed delivered. After a crash these are delivered again; connectors are idempotent by case id.
/// </summary>
/// <param name="CaseId">The case; also the idempotency key the connector passes to the target system.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="Action">The action to deliver.</param>
/// <param name="CommittedAt">When it was committed (UTC).</param>
public sealed record PendingAction(string CaseId, string AgentId, ProposedAction Action, DateTimeOffset CommittedAt);
