using Rung.Core.Ladder;
using Rung.Storage.Replication;

namespace Rung.Gates.Portfolio;

/// <summary>
/// Reuse and time to production from the stored template instances. Pure: the caller reads agents and instances
/// from the store. An instance's time to production runs from its creation, not from its template's first agent.
/// </summary>
public static class ReplicationPortfolio
{
    /// <summary>The figures for <paramref name="agents"/>, of which <paramref name="instances"/> were made from templates.</summary>
    public static ReplicationKpis Compute(IReadOnlyList<PortfolioAgent> agents, IReadOnlyList<TemplateInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(instances);
        var byAgent = instances.ToDictionary(i => i.AgentId, StringComparer.Ordinal);
        var fromTemplate = new List<double>();
        var fromScratch = new List<double>();
        foreach (var a in agents)
        {
            var instance = byAgent.GetValueOrDefault(a.Agent.AgentId);
            if (DaysToProduction(a, instance) is { } days)
            {
                (instance is null ? fromScratch : fromTemplate).Add(days);
            }
        }

        var known = agents.ToDictionary(a => a.Agent.AgentId, StringComparer.Ordinal);
        var templates = instances
            .GroupBy(i => i.TemplateId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var days = g.Select(i => known.TryGetValue(i.AgentId, out var a) ? DaysToProduction(a, i) : null).OfType<double>().ToList();
                var source = g.First().SourceAgentId;
                var sites = new List<string>();
                if (known.TryGetValue(source, out var s) && SiteOf(s.Agent.Scope) is { } sourceSite)
                {
                    sites.Add(sourceSite);
                }

                sites.AddRange(g.Select(i => i.Site).Where(site => !sites.Contains(site)).Distinct(StringComparer.Ordinal));
                return new TemplateReuse(g.Key, source, g.Count(), days.Count, Median(days), sites);
            })
            .ToList();
        return new ReplicationKpis(agents.Count, agents.Count(a => byAgent.ContainsKey(a.Agent.AgentId)), templates, Median(fromTemplate), Median(fromScratch));
    }

    /// <summary>The agents with <see cref="PortfolioAgent.Template"/> filled in from the stored instances where their definition named none.</summary>
    public static IReadOnlyList<PortfolioAgent> WithTemplates(IReadOnlyList<PortfolioAgent> agents, IReadOnlyList<TemplateInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(instances);
        var byAgent = instances.ToDictionary(i => i.AgentId, i => i.TemplateId, StringComparer.Ordinal);
        return [.. agents.Select(a => a.Template is null && byAgent.TryGetValue(a.Agent.AgentId, out var template) ? a with { Template = template } : a)];
    }

    private static double? DaysToProduction(PortfolioAgent agent, TemplateInstance? instance)
    {
        if (agent.History.FirstOrDefault(h => h.To == Stage.ProductionOwned) is not { } first)
        {
            return null;
        }

        var start = instance?.CreatedAt ?? (agent.History.Count > 0 ? agent.History[0].At : agent.Agent.StageSince);
        return (first.At - start).TotalDays;
    }

    private static string? SiteOf(string scope)
    {
        var levels = scope.Split('/');
        return levels.Length > 1 ? levels[1] : null;
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
