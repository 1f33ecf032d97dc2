namespace Rung.Core.Exceptions;

/// <summary>A case routed to people because the agent may not decide it alone.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="AgentId">The agent that routed it.</param>
/// <param name="Reason">Why it was routed, for a person.</param>
/// <param name="CreatedAt">When it entered the queue (UTC).</param>
/// <param name="DueAt">When the SLA runs out, counted in business hours.</param>
/// <param name="AssignedTo">Who is working on it, or null.</param>
/// <param name="ResolvedAt">When a person decided it, or null while open.</param>
/// <param name="Resolution">The action the person chose, or null while open.</param>
public sealed record ExceptionItem(
    string CaseId,
    string AgentId,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    string? AssignedTo = null,
    DateTimeOffset? ResolvedAt = null,
    string? Resolution = null)
{
    /// <summary>True until a person decides it.</summary>
    public bool IsOpen => ResolvedAt is null;
}
