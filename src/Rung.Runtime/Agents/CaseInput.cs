namespace Rung.Runtime.Agents;

/// <summary>One case as it arrives from the plant, before the data contract is applied.</summary>
/// <param name="CaseId">Stable id: the same source record always gets the same id, so a retry is recognised.</param>
/// <param name="OccurredAt">Source time (UTC).</param>
/// <param name="Values">Raw values by input name; null or absent means missing.</param>
public sealed record CaseInput(string CaseId, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, double?> Values);
