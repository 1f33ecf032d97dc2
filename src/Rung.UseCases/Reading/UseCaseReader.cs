using Rung.Core.UseCases;
using Rung.UseCases.Yaml;

namespace Rung.UseCases.Reading;

/// <summary>Reads the document's three sections into a <see cref="UseCaseDefinition"/>.</summary>
internal static class UseCaseReader
{
    private static readonly string[] RootKeys = ["usecase", "business", "agent", "gates", "readiness"];
    private static readonly string[] UseCaseKeys = ["id", "name", "description"];
    private static readonly string[] BusinessKeys = ["kpi", "unit", "baseline", "target", "owner", "value_per_case", "currency", "costs", "decisions_per_day", "kill", "scale", "run_costs"];
    private static readonly string[] CostKeys = ["name", "monthly"];

    /// <summary>
    /// Reads everything it can, reporting each problem. The result is only meaningful when no error was reported:
    /// unusable values are replaced by placeholders so that checking can go on.
    /// </summary>
    public static UseCaseDefinition? Read(YNode root, Values values)
    {
        if (root is not YMapping map)
        {
            values.Diagnostics.Error(root.Start, "", $"expected a mapping with the sections usecase, business and agent, found {root.Describe()}");
            return null;
        }

        var document = new MapReader(values.Diagnostics, map, "", root.Start, RootKeys);
        var useCase = values.Map(document.Required("usecase"), UseCaseKeys);
        var id = values.Checked(useCase?.Required("id"), Names.CheckId) ?? "";
        var name = values.NonEmptyText(useCase?.Required("name")) ?? "";
        var description = values.Text(useCase?.Optional("description")) ?? "";
        var business = ReadBusiness(values.Map(document.Required("business"), BusinessKeys), values);
        var agent = AgentReader.Read(values.Map(document.Required("agent"), AgentReader.Keys), values);
        var gates = GateReader.Read(values.Map(document.Optional("gates"), GateReader.Keys), values);
        var readiness = GateReader.Readiness(values.Map(document.Optional("readiness"), GateReader.ReadinessKeys), values);
        return new UseCaseDefinition(id, name, description.Trim(), business, agent, gates, readiness);
    }

    private static BusinessCase ReadBusiness(MapReader? business, Values values)
    {
        var costs = new List<CostLine>();
        var costNames = new DuplicateTracker(values, "cost line");
        foreach (var item in values.List(business?.Optional("costs")))
        {
            var cost = values.Map(item, CostKeys);
            var nameField = cost?.Required("name");
            var name = values.NonEmptyText(nameField);
            var monthly = values.Number(cost?.Required("monthly"), min: 0);
            costNames.Add(name, nameField);
            costs.Add(new CostLine(name ?? "", monthly ?? 0));
        }

        return new BusinessCase(
            Kpi: values.NonEmptyText(business?.Required("kpi")) ?? "",
            Unit: values.NonEmptyText(business?.Required("unit")) ?? "",
            Baseline: values.Number(business?.Required("baseline")) ?? 0,
            Target: values.Number(business?.Required("target")) ?? 0,
            Owner: values.Checked(business?.Required("owner"), Names.CheckUserId) ?? "",
            ValuePerCase: values.Number(business?.Required("value_per_case"), min: 0) ?? 0,
            Currency: values.Checked(business?.Required("currency"), Names.CheckCurrency) ?? "",
            Costs: costs,
            DecisionsPerDay: values.Number(business?.Optional("decisions_per_day"), min: 0, minExclusive: true),
            KillCriteria: values.NonEmptyText(business?.Optional("kill"))?.Trim(),
            ScaleCriteria: values.NonEmptyText(business?.Optional("scale"))?.Trim(),
            RunCosts: RunCostReader.Read(values.Map(business?.Optional("run_costs"), RunCostReader.Keys), values));
    }
}
