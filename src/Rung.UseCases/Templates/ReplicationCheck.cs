using System.Globalization;
using Rung.Core.UseCases;
using Rung.Mqtt.Topics;
using Rung.Uns.Units;

namespace Rung.UseCases.Templates;

/// <summary>
/// Checks a planned instance against what the new site's namespace actually publishes: every mapped tag must exist,
/// carry numeric data, and publish in the unit the mapping says (when its payload names a unit); the trigger must
/// exist. Outcome and context topics are reported but may be quiet during the check. Pure and thread-safe.
/// </summary>
public static class ReplicationCheck
{
    /// <summary>The findings for <paramref name="agent"/>'s tags against <paramref name="observed"/>.</summary>
    public static IReadOnlyList<ReplicationFinding> Run(AgentDefinition agent, IReadOnlyList<ObservedTag> observed)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(observed);
        var findings = new List<ReplicationFinding>();
        var tags = agent.Contract?.Tags.Select(t => (t.Feature, t.Tag, t.Unit))
            ?? agent.Inputs.Where(i => i.Source is not null).Select(i => (Feature: i.Name, Tag: i.Source!, Unit: (string?)null));
        foreach (var (feature, tag, tagUnit) in tags)
        {
            var input = agent.Inputs.First(i => i.Name == feature);
            var unit = tagUnit ?? input.Unit;
            var matches = Matching(tag, observed);
            if (matches.Count == 0)
            {
                findings.Add(new("tag", feature, tag, "Missing", "no message on this tag during the check: it does not exist at this site, or it is silent", input.Required));
                continue;
            }

            var last = matches[^1];
            if (!double.TryParse(last.LastValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                findings.Add(new("tag", feature, tag, "NoData", $"{matches.Sum(m => m.Count)} message(s), but the last value '{last.LastValue}' is not a number", true));
                continue;
            }

            if (matches.FirstOrDefault(m => m.Unit is not null && m.Unit != unit) is { } wrong)
            {
                findings.Add(new("tag", feature, tag, "WrongUnit", $"{wrong.Topic} publishes in '{wrong.Unit}', the mapping says '{unit}'", true));
                continue;
            }

            var converted = UnitTable.TryGet(unit, input.Unit, out var conversion, out _) ? conversion!.Apply(value) : value;
            var note = unit == input.Unit ? "" : string.Create(CultureInfo.InvariantCulture, $" = {converted:0.###} {input.Unit} for the model");
            findings.Add(new("tag", feature, tag, "Seen", string.Create(CultureInfo.InvariantCulture, $"{matches.Sum(m => m.Count)} message(s), last {value:0.###} {last.Unit ?? unit}{note}"), false));
        }

        if (agent.Contract is { } contract)
        {
            findings.Add(Presence("trigger", "", contract.Trigger, observed, problemWhenMissing: true));
            if (contract.Outcome is { } outcome)
            {
                findings.Add(Presence("outcome", "", outcome.Topic, observed, problemWhenMissing: false));
            }

            findings.AddRange(contract.Context.Select(c => Presence("context", c.Name, c.Topic, observed, problemWhenMissing: false)));
        }

        return findings;
    }

    private static ReplicationFinding Presence(string role, string name, string topic, IReadOnlyList<ObservedTag> observed, bool problemWhenMissing)
    {
        var matches = Matching(topic, observed);
        return matches.Count == 0
            ? new(role, name, topic, "Missing", "no message during the check", problemWhenMissing)
            : new(role, name, topic, "Seen", $"{matches.Sum(m => m.Count)} message(s)", false);
    }

    private static List<ObservedTag> Matching(string filter, IReadOnlyList<ObservedTag> observed) =>
        [.. observed.Where(o => o.Count > 0 && TopicFilter.MatchesValidated(filter, o.Topic))];
}
