using Rung.Core.Proposals;

namespace Rung.Core.Outcomes;

/// <summary>A proposal marked right or wrong by its outcome.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Correct">True when the proposed action was the correct one.</param>
/// <param name="ErrorSeverity">How bad the error was; null when correct.</param>
/// <param name="ProposedAction">The proposal's action name.</param>
/// <param name="CorrectAction">The outcome's action name.</param>
/// <param name="At">When the outcome arrived.</param>
public sealed record Judgement(string CaseId, bool Correct, Severity? ErrorSeverity, string ProposedAction, string CorrectAction, DateTimeOffset At);
