namespace Rung.Storage.Registry;

/// <summary>A journaled case with the action its first outcome said was right: one row of production evidence.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="OccurredAt">Source time (UTC).</param>
/// <param name="Features">The inputs the model saw.</param>
/// <param name="CorrectAction">The label.</param>
public sealed record LabelledCase(string CaseId, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, double> Features, string CorrectAction);
