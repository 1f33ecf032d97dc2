namespace Rung.Storage.Journal;

/// <summary>The owner's daily summary of one agent for one local day, and whether it was acknowledged.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Day">The site's local day it covers.</param>
/// <param name="SentAt">When it was sent (UTC).</param>
/// <param name="Recipient">The owner it went to.</param>
/// <param name="Body">What it said.</param>
/// <param name="AcknowledgedBy">Who acknowledged it, or null.</param>
/// <param name="AcknowledgedAt">When, or null.</param>
public sealed record DailySummary(string AgentId, DateOnly Day, DateTimeOffset SentAt, string Recipient, string Body, string? AcknowledgedBy = null, DateTimeOffset? AcknowledgedAt = null);
