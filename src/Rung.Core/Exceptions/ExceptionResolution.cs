namespace Rung.Core.Exceptions;

/// <summary>A person's decision on an exception item.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ResolvedBy">Who decided.</param>
/// <param name="Action">The action the person chose; it becomes the case's label.</param>
/// <param name="At">When (UTC).</param>
public sealed record ExceptionResolution(string CaseId, string ResolvedBy, string Action, DateTimeOffset At);
