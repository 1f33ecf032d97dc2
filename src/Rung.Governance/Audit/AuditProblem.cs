namespace Rung.Governance.Audit;

/// <summary>One finding of <see cref="AuditVerifier"/>.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Sequence">The sequence number it is about (0 when about a file).</param>
/// <param name="Message">A sentence naming the entry and what happened to it.</param>
public sealed record AuditProblem(AuditProblemKind Kind, long Sequence, string Message);
