using Rung.Core.Ladder;
using Rung.Gates.Evaluation;

namespace Rung.Gates.Portfolio;

/// <summary>Computes the portfolio KPIs. Pure: the caller reads the agents from the store.</summary>
public static class PortfolioCalculator
{
    /// <summary>The three shifts cases are counted in, by the site's local hour: early 06-14, late 14-22, night 22-06.</summary>
    public static string ShiftOf(int localHour) => localHour switch
    {
        >= 6 and < 14 => "early",
        >= 14 and < 22 => "late",
        _ => "night",
    };

    /// <summary>The KPIs at <paramref name="now"/>.</summary>
    public static PortfolioKpis Compute(IReadOnlyList<PortfolioAgent> agents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var byQuarter = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var toProduction = new List<double>();
        var paused = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var a in agents)
        {
            var registered = a.History.Count > 0 ? a.History[0].At : a.Agent.StageSince;
            if (a.History.FirstOrDefault(h => h.To == Stage.ProductionOwned) is { } first)
            {
                var key = $"{first.At.Year}-Q{((first.At.Month - 1) / 3) + 1}";
                byQuarter[key] = byQuarter.GetValueOrDefault(key) + 1;
                toProduction.Add((first.At - registered).TotalDays);
            }

            var pausedDays = 0.0;
            for (var i = 0; i < a.History.Count; i++)
            {
                if (a.History[i].To == Stage.Paused)
                {
                    var end = i + 1 < a.History.Count ? a.History[i + 1].At : now;
                    pausedDays += (end - a.History[i].At).TotalDays;
                }
            }

            paused[a.Agent.AgentId] = pausedDays;
        }

        var since = now - TimeSpan.FromDays(30);
        var monitored = agents.Count(a => a.Alarms.Any(al => al.AcknowledgedAt >= since || (al.Rule == TestPage.Rule && al.AcknowledgedAt is not null)));
        toProduction.Sort();
        double? median = toProduction.Count == 0 ? null
            : toProduction.Count % 2 == 1 ? toProduction[toProduction.Count / 2]
            : (toProduction[(toProduction.Count / 2) - 1] + toProduction[toProduction.Count / 2]) / 2;
        return new PortfolioKpis(
            agents.Count,
            byQuarter,
            agents.Count == 0 ? 0 : (double)monitored / agents.Count,
            median,
            Count(agents.Where(a => a.Template is not null).Select(a => a.Template!)),
            Count(agents.Select(a => LineOf(a.Agent.Scope))),
            agents.SelectMany(a => a.CasesByShift).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal),
            agents.ToDictionary(a => a.Agent.AgentId, a => a.Alarms.Count(al => al.RaisedAt >= since && al.Rule != TestPage.Rule), StringComparer.Ordinal),
            paused);
    }

    private static string LineOf(string scope)
    {
        var parts = scope.Split('/');
        return parts.Length >= 4 ? string.Join('/', parts[..4]) : scope;
    }

    private static SortedDictionary<string, int> Count(IEnumerable<string> keys)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
