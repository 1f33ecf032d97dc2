using Rung.Core.Ladder;
using Rung.Core.Proposals;
using static Rung.Gates.Evaluation.Text;

namespace Rung.Gates.Evaluation;

/// <summary>Shadow to ApproveEach: live volume, agreement overall and per class, every high-severity disagreement explained.</summary>
internal static class ShadowGate
{
    public static IReadOnlyList<CriterionResult> Evaluate(GateThresholds t, GateEvidence e)
    {
        var labelled = e.Cases.Where(c => c.Stage == Stage.Shadow && c.OccurredAt >= e.StageSince && c.Correct is not null).ToList();
        var correct = labelled.Count(c => c.Correct == true);
        var agreement = labelled.Count == 0 ? 0 : (double)correct / labelled.Count;

        // Per class of the agent's own proposal: of the cases where it would have done X, how often the humans did X
        // too. That is the action a promotion lets it take; a class it never proposes is not automated by it.
        var classes = labelled.GroupBy(c => c.ProposedAction, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Class: g.Key, Count: g.Count(), Agreement: (double)g.Count(c => c.Correct == true) / g.Count())).ToList();
        var judged = classes.Where(c => c.Count >= t.ShadowMinClassVolume).ToList();
        var weak = judged.Where(c => c.Agreement < t.ShadowMinClassAgreement).ToList();

        var highSeverity = labelled.Where(c => c.Correct == false && c.ErrorSeverity == Severity.High).ToList();
        var explained = e.Attestations.Where(a => a.Subject.StartsWith("case:", StringComparison.Ordinal)).Select(a => a.Subject[5..]).ToHashSet(StringComparer.Ordinal);
        var unexplained = highSeverity.Where(c => !explained.Contains(c.CaseId)).ToList();

        return
        [
            new("shadow.volume", "Minimum live volume", labelled.Count >= t.ShadowMinVolume,
                F($"{labelled.Count} labelled live cases on Shadow, {t.ShadowMinVolume} required"), Stage.Shadow,
                [Line("labelled", $"{labelled.Count}"), Line("required", $"{t.ShadowMinVolume}"), Line("since", $"{e.StageSince:yyyy-MM-dd HH:mm}Z")], []),
            new("shadow.agreement", "Agreement with the humans", labelled.Count > 0 && agreement >= t.ShadowMinAgreement,
                F($"{Pct(agreement)} agreement over {labelled.Count} cases, {Pct(t.ShadowMinAgreement)} required"), Stage.Shadow,
                [Line("agreed", $"{correct}"), Line("labelled", $"{labelled.Count}"), Line("agreement", $"{agreement:0.0000}"), Line("threshold", $"{t.ShadowMinAgreement:0.0000}")], []),
            new("shadow.class_agreement", "Agreement per class", weak.Count == 0 && judged.Count > 0,
                weak.Count == 0
                    ? F($"all {judged.Count} classes with at least {t.ShadowMinClassVolume} cases at or above {Pct(t.ShadowMinClassAgreement)}")
                    : F($"{string.Join(", ", weak.Select(w => $"{w.Class} {Pct(w.Agreement)}"))} under {Pct(t.ShadowMinClassAgreement)}"),
                Stage.Shadow,
                [.. classes.Select(c => Line("proposed " + c.Class, $"{Pct(c.Agreement)} over {c.Count} cases{(c.Count < t.ShadowMinClassVolume ? " (too few to judge)" : "")}"))], []),
            new("shadow.high_severity", "High-severity disagreements explained", unexplained.Count == 0,
                F($"{highSeverity.Count} high-severity disagreements, {unexplained.Count} without a reviewed note"), Stage.Shadow,
                [Line("high_severity", $"{highSeverity.Count}"), Line("unexplained", $"{unexplained.Count}"), .. unexplained.Take(10).Select(c => Line("case " + c.CaseId, $"proposed {c.ProposedAction}, humans did {c.CorrectAction}"))], []),
        ];
    }
}
