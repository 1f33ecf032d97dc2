using Rung.Core.Proposals;
using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.inputs</c> and <c>agent.actions</c>.</summary>
internal static class ContractReader
{
    private static readonly string[] InputKeys = ["name", "unit", "min", "max", "required", "source"];
    private static readonly string[] ActionKeys = ["name", "severity", "high_severity_above", "description"];

    public static IReadOnlyList<InputDefinition> Inputs(Field? field, Values values)
    {
        var items = NonEmptyList(field, values, "input");
        var names = new DuplicateTracker(values, "input name");
        var inputs = new List<InputDefinition>();
        foreach (var item in items)
        {
            var input = values.Map(item, InputKeys);
            var nameField = input?.Required("name");
            var name = values.Checked(nameField, Names.CheckName);
            names.Add(name, nameField);
            var minField = input?.Required("min");
            var min = values.Number(minField);
            var max = values.Number(input?.Required("max"));
            if (min is { } low && max is { } high && low >= high)
            {
                values.Error(minField!.Value, $"min ({low}) must be less than max ({high})");
            }

            inputs.Add(new InputDefinition(
                name ?? "",
                values.NonEmptyText(input?.Required("unit")) ?? "",
                min ?? 0,
                max ?? 0,
                values.Bool(input?.Optional("required")) ?? true,
                values.NonEmptyText(input?.Optional("source"))));
        }

        return inputs;
    }

    /// <summary>The actions, and the set of declared names (null when the list itself is unusable).</summary>
    public static (IReadOnlyList<ActionDefinition> Actions, IReadOnlySet<string>? Declared) Actions(Field? field, Values values)
    {
        var items = NonEmptyList(field, values, "action");
        var names = new DuplicateTracker(values, "action name");
        var actions = new List<ActionDefinition>();
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var action = values.Map(item, ActionKeys);
            var nameField = action?.Required("name");
            var name = values.Checked(nameField, Names.CheckName);
            names.Add(name, nameField);
            if (name is not null)
            {
                declared.Add(name);
            }

            actions.Add(new ActionDefinition(
                name ?? "",
                values.EnumName<Severity>(action?.Required("severity"), "severity") ?? Severity.Medium,
                values.Number(action?.Optional("high_severity_above")),
                values.Text(action?.Optional("description"))?.Trim()));
        }

        return (actions, items.Count == 0 ? null : declared);
    }

    private static IReadOnlyList<Field> NonEmptyList(Field? field, Values values, string what)
    {
        var items = values.List(field);
        if (field is { } f && f.Node is Yaml.YSequence && items.Count == 0)
        {
            values.Error(f, $"declare at least one {what}");
        }

        return items;
    }
}
