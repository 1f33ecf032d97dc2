namespace Rung.Registry.Retraining;

/// <summary>Where a snapshot's rows came from, written into <c>dataset.json</c>.</summary>
/// <param name="AgentId">The agent whose journal was read.</param>
/// <param name="Trigger">What started the retraining.</param>
/// <param name="Source">The source, for example <c>journal: first outcome per case</c>.</param>
/// <param name="From">The earliest case time.</param>
/// <param name="To">The latest case time.</param>
/// <param name="ExportedAt">When it was exported (UTC).</param>
public sealed record DatasetProvenance(string AgentId, RetrainingTrigger Trigger, string Source, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset ExportedAt);
