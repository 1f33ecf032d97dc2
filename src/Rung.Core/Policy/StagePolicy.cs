using Rung.Core.Cases;
using Rung.Core.Guards;
using Rung.Core.Ladder;
using Rung.Core.Proposals;

namespace Rung.Core.Policy;

/// <summary>
/// Decides what becomes of one proposal on the agent's current stage. Pure and thread-safe.
/// </summary>
/// <remarks>
/// The order of the checks is the order of trust: a guard refusal wins over everything (a blocked action is
/// never committed, whatever the stage); then the stage decides whether anything may be committed at all;
/// only on the automatic stages are confidence, distribution, severity and data quality weighed, and any
/// one of them sends the case to people with every reason that applies.
/// </remarks>
public static class StagePolicy
{
    /// <summary>Decides the disposition of <paramref name="proposal"/>.</summary>
    /// <param name="stage">The agent's stage when the case is decided.</param>
    /// <param name="thresholds">The agent's thresholds.</param>
    /// <param name="proposal">The model's answer, with its severity class already resolved.</param>
    /// <param name="guard">The guard's verdict on the proposed action.</param>
    /// <param name="features">The inputs; a quality flag on any input keeps the case from automatic commit.</param>
    /// <exception cref="InvalidOperationException">The agent is Retired and accepts no cases.</exception>
    public static PolicyDecision Decide(Stage stage, PolicyThresholds thresholds, Proposal proposal, GuardVerdict guard, FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(features);

        if (stage == Stage.Retired)
        {
            throw new InvalidOperationException("A retired agent accepts no cases.");
        }

        if (!guard.Allowed)
        {
            return new PolicyDecision(Disposition.Blocked, [guard.Detail ?? "blocked by the guard"], guard.Rule);
        }

        switch (stage)
        {
            case Stage.Shadow:
            case Stage.Paused:
                return new PolicyDecision(Disposition.Logged, []);
            case Stage.ApproveEach:
                return new PolicyDecision(Disposition.PendingApproval, []);
        }

        var reasons = ReasonsToRouteToPeople(thresholds, proposal, features);
        return reasons.Count == 0
            ? new PolicyDecision(Disposition.Committed, [])
            : new PolicyDecision(Disposition.Excepted, reasons);
    }

    private static List<string> ReasonsToRouteToPeople(PolicyThresholds thresholds, Proposal proposal, FeatureVector features)
    {
        var reasons = new List<string>(2);
        // A NaN confidence compares false with everything; it must fail the check rather than pass it.
        if (!(proposal.Confidence >= thresholds.MinConfidence))
        {
            reasons.Add(FormattableString.Invariant($"confidence {proposal.Confidence:0.000} below {thresholds.MinConfidence:0.000}"));
        }

        if (proposal.OutOfDistribution)
        {
            reasons.Add("inputs out of distribution");
        }

        if (proposal.Severity == Severity.High)
        {
            reasons.Add($"high-severity action '{proposal.Action.Name}' always goes to a person");
        }

        if (!features.IsClean)
        {
            foreach (var flag in features.Flags.Where(f => f.Blocking))
            {
                reasons.Add($"data quality: {flag.Feature} {flag.Problem}");
            }
        }

        return reasons;
    }
}
