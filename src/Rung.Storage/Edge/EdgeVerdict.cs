using Rung.Core.Approvals;
using Rung.Core.Exceptions;

namespace Rung.Storage.Edge;

/// <summary>
/// A verdict given on the server for a case an edge decided, on its way down to that edge. The edge applies it
/// through its own runtime once (by case id and kind) and reports an <see cref="EdgeVerdictResult"/>.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="AgentId">Its agent.</param>
/// <param name="Kind">An approval or an exception resolution.</param>
/// <param name="Actor">The approver, or who resolved the item.</param>
/// <param name="At">When the person decided; an approved action's validity window starts here.</param>
/// <param name="Verdict">For an approval: approved or rejected; null for a resolution.</param>
/// <param name="Reason">For an approval: the approver's reason (required for a rejection).</param>
/// <param name="Action">For an approval: the action a rejection names instead; for a resolution: the chosen action.</param>
public sealed record EdgeVerdict(string CaseId, string AgentId, EdgeVerdictKind Kind, string Actor, DateTimeOffset At, Verdict? Verdict, string? Reason, string? Action)
{
    /// <summary>The approval this verdict carries. Throws <see cref="InvalidOperationException"/> for a resolution.</summary>
    public Approval ToApproval() => Kind == EdgeVerdictKind.Approval && Verdict is { } verdict
        ? new Approval(CaseId, Actor, verdict, At, Reason, Action)
        : throw new InvalidOperationException($"The verdict on case '{CaseId}' is a {Kind}, not an approval.");

    /// <summary>The exception resolution this verdict carries. Throws <see cref="InvalidOperationException"/> for an approval.</summary>
    public ExceptionResolution ToResolution() => Kind == EdgeVerdictKind.Resolution && Action is { } action
        ? new ExceptionResolution(CaseId, Actor, action, At)
        : throw new InvalidOperationException($"The verdict on case '{CaseId}' is a {Kind} without an action, not a resolution.");
}
