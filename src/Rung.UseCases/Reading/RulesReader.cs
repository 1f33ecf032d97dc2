using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.error_severity</c> and <c>agent.promotion</c>.</summary>
internal static class RulesReader
{
    private static readonly string[] SeverityKeys = ["proposed", "actual", "severity"];
    private static readonly string[] PromotionKeys = ["from", "min_days", "min_labelled", "min_accuracy"];
    private static readonly Stage[] PromotableStages = [Stage.Shadow, Stage.ApproveEach, Stage.AutoWithExceptions];

    public const double MaxPromotionDays = 3650;

    public static IReadOnlyList<ErrorSeverityRule> ErrorSeverity(Field? field, Values values, IReadOnlySet<string>? declared)
    {
        var rules = new List<ErrorSeverityRule>();
        foreach (var item in values.List(field))
        {
            var rule = values.Map(item, SeverityKeys);
            rules.Add(new ErrorSeverityRule(
                values.ActionReference(rule?.Required("proposed"), declared, allowWildcard: true) ?? "",
                values.ActionReference(rule?.Required("actual"), declared, allowWildcard: true) ?? "",
                values.EnumName<Severity>(rule?.Required("severity"), "severity") ?? Severity.Medium));
        }

        return rules;
    }

    public static IReadOnlyList<PromotionCriteria> Promotion(Field? field, Values values)
    {
        var criteria = new List<PromotionCriteria>();
        var stages = new DuplicateTracker(values, "promotion rule for");
        foreach (var item in values.List(field))
        {
            var rule = values.Map(item, PromotionKeys);
            var fromField = rule?.Required("from");
            var from = values.EnumName<Stage>(fromField, "stage");
            if (from is { } stage && !PromotableStages.Contains(stage))
            {
                values.Error(fromField!.Value, $"promotion is only defined out of {string.Join(", ", PromotableStages)}; {stage} has no next rung");
            }
            else
            {
                stages.Add(from?.ToString(), fromField);
            }

            criteria.Add(new PromotionCriteria(
                from ?? Stage.Shadow,
                values.Number(rule?.Required("min_days"), min: 0, max: MaxPromotionDays) ?? 0,
                values.Integer(rule?.Required("min_labelled"), 0, int.MaxValue) ?? 0,
                values.Number(rule?.Required("min_accuracy"), min: 0, max: 1) ?? 0));
        }

        return criteria;
    }
}
