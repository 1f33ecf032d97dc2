namespace Rung.Simulation.People;

/// <summary>An approver's answer to a drafted action.</summary>
/// <param name="Approved">True when the draft matches the approver's own judgement.</param>
/// <param name="Reason">A short reason when rejected, as an approver would type it; null when approved.</param>
/// <param name="CorrectAction">What the approver judges right (usually, but not always, the truth).</param>
public sealed record ApprovalVerdict(bool Approved, string? Reason, string CorrectAction);
