using Rung.Core.Proposals;

namespace Rung.Core.Outcomes;

/// <summary>Marks a proposal right or wrong from its outcome, and grades a wrong one by the use case's severity rules.</summary>
/// <param name="rules">Severity of each kind of error; the first matching rule wins, <c>*</c> matches any action; with none, Medium.</param>
public sealed class OutcomeJudge(IReadOnlyList<ErrorSeverityRule> rules)
{
    /// <summary>Judges the proposal of <paramref name="outcome"/>'s case.</summary>
    /// <param name="proposedAction">The action the model proposed for the case.</param>
    /// <param name="outcome">The label.</param>
    public Judgement Judge(string proposedAction, Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(proposedAction);
        ArgumentNullException.ThrowIfNull(outcome);
        var correct = string.Equals(proposedAction, outcome.CorrectAction, StringComparison.Ordinal);
        return new Judgement(
            outcome.CaseId,
            correct,
            correct ? null : SeverityOf(proposedAction, outcome.CorrectAction),
            proposedAction,
            outcome.CorrectAction,
            outcome.At);
    }

    /// <summary>How bad it is to propose <paramref name="proposed"/> when <paramref name="actual"/> was right.</summary>
    public Severity SeverityOf(string proposed, string actual)
    {
        foreach (var rule in rules)
        {
            if (Matches(rule.Proposed, proposed) && Matches(rule.Actual, actual))
            {
                return rule.Severity;
            }
        }

        return Severity.Medium;
    }

    private static bool Matches(string pattern, string action) => pattern == "*" || string.Equals(pattern, action, StringComparison.Ordinal);
}
