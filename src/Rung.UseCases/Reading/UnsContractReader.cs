using Rung.Core.UseCases;
using Rung.Mqtt.Topics;
using Rung.Uns.Units;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.contract</c>: which namespace tag feeds which input, the trigger, outcomes and context.</summary>
internal static class UnsContractReader
{
    public static readonly string[] Keys = ["tags", "trigger", "outcome", "context", "json"];

    private static readonly string[] TagKeys = ["feature", "tag", "unit", "max_age", "hold_last"];
    private static readonly string[] TriggerKeys = ["tag", "key"];
    private static readonly string[] OutcomeKeys = ["topic", "key", "field"];
    private static readonly string[] ContextKeys = ["name", "topic"];
    private static readonly string[] JsonKeys = ["value", "timestamp", "quality"];

    public static UnsContractDefinition? Read(MapReader? contract, Values values, IReadOnlyList<InputDefinition> inputs)
    {
        if (contract is null)
        {
            return null;
        }

        var byName = inputs.Where(i => i.Name.Length > 0).GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var tagsField = contract.Required("tags");
        var tags = Tags(tagsField, values, byName);
        if (tagsField is { } at)
        {
            var fed = tags.Select(t => t.Feature).ToHashSet(StringComparer.Ordinal);
            foreach (var missing in inputs.Where(i => i.Required && i.Name.Length > 0 && !fed.Contains(i.Name)))
            {
                values.Error(at, $"required input '{missing.Name}' has no tag");
            }
        }

        var trigger = values.Map(contract.Required("trigger"), TriggerKeys);
        var triggerTag = Topic(trigger?.Required("tag"), values);
        var caseKey = values.NonEmptyText(trigger?.Optional("key"));

        UnsOutcomeDefinition? outcome = null;
        if (values.Map(contract.Optional("outcome"), OutcomeKeys) is { } o)
        {
            outcome = new UnsOutcomeDefinition(
                Topic(o.Required("topic"), values) ?? "",
                values.NonEmptyText(o.Required("key")) ?? "",
                values.NonEmptyText(o.Required("field")) ?? "");
        }

        var context = new List<UnsContextDefinition>();
        var contextNames = new DuplicateTracker(values, "context name");
        foreach (var item in values.List(contract.Optional("context")))
        {
            var c = values.Map(item, ContextKeys);
            var nameField = c?.Required("name");
            var name = values.Checked(nameField, Names.CheckName);
            contextNames.Add(name, nameField);
            context.Add(new UnsContextDefinition(name ?? "", Topic(c?.Required("topic"), values) ?? ""));
        }

        var json = values.Map(contract.Optional("json"), JsonKeys);
        return new UnsContractDefinition(
            tags,
            triggerTag ?? "",
            caseKey,
            outcome,
            context,
            values.NonEmptyText(json?.Optional("value")) ?? "value",
            values.NonEmptyText(json?.Optional("timestamp")) ?? "timestamp",
            values.NonEmptyText(json?.Optional("quality")) ?? "quality");
    }

    private static List<UnsTagDefinition> Tags(Field? field, Values values, Dictionary<string, InputDefinition> inputs)
    {
        var items = values.List(field);
        if (field is { } f && f.Node is Yaml.YSequence && items.Count == 0)
        {
            values.Error(f, "declare at least one tag");
        }

        var features = new DuplicateTracker(values, "tag for feature");
        var tags = new List<UnsTagDefinition>();
        foreach (var item in items)
        {
            var tag = values.Map(item, TagKeys);
            var featureField = tag?.Required("feature");
            var feature = values.NonEmptyText(featureField);
            InputDefinition? input = null;
            if (feature is not null && !inputs.TryGetValue(feature, out input))
            {
                var suggestion = KeySuggester.Closest(feature, inputs.Keys) is { } close ? $"; did you mean '{close}'?" : "";
                values.Error(featureField!.Value, $"'{feature}' is not a declared input (declared: {string.Join(", ", inputs.Keys)}){suggestion}");
            }

            features.Add(feature, featureField);
            var topic = Topic(tag?.Required("tag"), values);
            var unitField = tag?.Optional("unit");
            var unit = values.NonEmptyText(unitField);
            if (unit is not null && input is not null && !UnitTable.TryGet(unit, input.Unit, out _, out var problem))
            {
                values.Error(unitField!.Value, $"{problem} (input '{input.Name}' is in {input.Unit})");
            }

            var maxAgeField = tag?.Optional("max_age");
            var maxAge = Positive(maxAgeField, values);
            var holdField = tag?.Optional("hold_last");
            var hold = Positive(holdField, values);
            if (maxAge is { } age && hold is { } h && h <= age)
            {
                values.Error(holdField!.Value, $"hold_last ({h}) must be longer than max_age ({age}), or it never applies to an old value");
            }

            tags.Add(new UnsTagDefinition(feature ?? "", topic ?? "", unit, maxAge, hold));
        }

        return tags;
    }

    private static TimeSpan? Positive(Field? field, Values values)
    {
        var duration = values.Duration(field);
        if (duration is { } d && d <= TimeSpan.Zero)
        {
            values.Error(field!.Value, "must be longer than zero");
            return null;
        }

        return duration;
    }

    private static string? Topic(Field? field, Values values) => values.Checked(field, f => TopicFilter.IsValidFilter(f, out var error) ? null : error);
}
