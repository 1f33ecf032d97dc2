namespace Rung.Core.Cases;

/// <summary>One unit of work: a part at an inspection station, an order line to draft.</summary>
/// <param name="CaseId">Unique and stable: the same source record always gets the same id, so a retry is recognised.</param>
/// <param name="AgentId">The agent that decides it.</param>
/// <param name="OccurredAt">When the plant produced it (source time, UTC).</param>
/// <param name="Features">The model's inputs.</param>
public sealed record Case(string CaseId, string AgentId, DateTimeOffset OccurredAt, FeatureVector Features);
