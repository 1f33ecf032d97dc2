namespace Rung.Uns.Contracts;

/// <summary>An outcome joined to its case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Value">The outcome as text (a QC verdict, a measured value).</param>
/// <param name="At">When it was reported.</param>
public sealed record CaseOutcome(string CaseId, string Value, DateTimeOffset At);
