using System.Globalization;
using Rung.Core.UseCases;

namespace Rung.Core.Ladder;

/// <summary>The evidence gathered on the current stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Since">When the agent entered it.</param>
/// <param name="Labelled">Cases decided on this stage that have a label.</param>
/// <param name="Correct">Of those, correct (agreement in Shadow, approved in ApproveEach).</param>
public sealed record StageEvidence(Stage Stage, DateTimeOffset Since, int Labelled, int Correct)
{
    /// <summary>Correct over labelled; zero when nothing is labelled.</summary>
    public double Accuracy => Labelled == 0 ? 0 : (double)Correct / Labelled;
}

/// <summary>Whether an agent has earned the offer of a promotion out of its stage, and if not, what is missing.</summary>
/// <param name="Ready">True when every criterion holds.</param>
/// <param name="Unmet">One sentence per criterion that does not hold; empty when ready.</param>
public sealed record PromotionCheck(bool Ready, IReadOnlyList<string> Unmet);

/// <summary>Checks a stage's evidence against its promotion criteria.</summary>
public static class PromotionReadiness
{
    /// <summary>Checks <paramref name="evidence"/> at <paramref name="now"/> against the criteria for its stage.</summary>
    public static PromotionCheck Evaluate(IReadOnlyList<PromotionCriteria> criteria, StageEvidence evidence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(evidence);
        if (TrustLadder.Above(evidence.Stage) is null)
        {
            return new PromotionCheck(false, [$"{evidence.Stage} has no rung above it"]);
        }

        var rule = criteria.FirstOrDefault(c => c.From == evidence.Stage);
        if (rule is null)
        {
            return new PromotionCheck(false, [$"no promotion criteria are declared for {evidence.Stage}"]);
        }

        var unmet = new List<string>();
        var days = (now - evidence.Since).TotalDays;
        if (days < rule.MinDays)
        {
            unmet.Add(string.Create(CultureInfo.InvariantCulture, $"{days:0.0} of {rule.MinDays} days on {evidence.Stage}"));
        }

        if (evidence.Labelled < rule.MinLabelledCases)
        {
            unmet.Add(string.Create(CultureInfo.InvariantCulture, $"{evidence.Labelled} of {rule.MinLabelledCases} labelled cases"));
        }

        if (evidence.Labelled == 0 || evidence.Accuracy < rule.MinAccuracy)
        {
            unmet.Add(string.Create(CultureInfo.InvariantCulture, $"accuracy {evidence.Accuracy * 100:0.0}% under {rule.MinAccuracy * 100:0.0}%"));
        }

        return new PromotionCheck(unmet.Count == 0, unmet);
    }
}
