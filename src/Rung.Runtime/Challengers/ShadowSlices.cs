using Rung.Core.UseCases;
using Rung.Storage.Journal;

namespace Rung.Runtime.Challengers;

/// <summary>The slice fields a live shadow comparison is cut by.</summary>
public static class ShadowSlices
{
    /// <summary>The shift of each case by the site calendar's local hour (early 06-14, late 14-22, night 22-06), as the portfolio counts shifts.</summary>
    public static Func<DecisionRecord, IReadOnlyDictionary<string, string>> ByShift(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var zone = agent.Calendar.TimeZone;
        return record => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["shift"] = TimeZoneInfo.ConvertTime(record.Case.OccurredAt, zone).Hour switch
            {
                >= 6 and < 14 => "early",
                >= 14 and < 22 => "late",
                _ => "night",
            },
        };
    }
}
