using Rung.Core.UseCases;
using Rung.Mqtt.Topics;

namespace Rung.Runtime.Plant;

/// <summary>
/// Compares an agent's data contract with what a broker actually published: which tags exist, which are silent, and
/// which publish a JSON <c>unit</c> field that disagrees with the contract's unit (the tag's, or else the input's).
/// A silent tag or trigger, or a wrong unit, is a problem; a silent outcome or context topic is reported but may just
/// be quiet during the check.
/// </summary>
public static class ContractCheck
{
    /// <summary>Checks <paramref name="agent"/>'s contract against <paramref name="seen"/>.</summary>
    /// <exception cref="ArgumentException">The agent has no contract section.</exception>
    public static IReadOnlyList<ContractFinding> Run(AgentDefinition agent, IReadOnlyList<SeenTopic> seen)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(seen);
        var contract = agent.Contract ?? throw new ArgumentException($"agent '{agent.Id}' has no contract section", nameof(agent));
        var findings = new List<ContractFinding>();
        foreach (var tag in contract.Tags)
        {
            var unit = tag.Unit ?? agent.Inputs.First(i => i.Name == tag.Feature).Unit;
            var matches = Matching(tag.Tag, seen);
            if (matches.Count == 0)
            {
                findings.Add(new("tag", tag.Feature, tag.Tag, "Silent", "nothing published during the check", true));
                continue;
            }

            var wrong = matches.FirstOrDefault(m => m.Unit is not null && m.Unit != unit);
            findings.Add(wrong is null
                ? new("tag", tag.Feature, tag.Tag, "Seen", $"{matches.Sum(m => m.Count)} message(s), last {matches[^1].LastValue} {matches[^1].Unit ?? unit}", false)
                : new("tag", tag.Feature, tag.Tag, "WrongUnit", $"{wrong.Topic} publishes unit '{wrong.Unit}', the contract says '{unit}'", true));
        }

        findings.Add(Presence("trigger", "", contract.Trigger, seen, problemWhenSilent: true));
        if (contract.Outcome is { } outcome)
        {
            findings.Add(Presence("outcome", "", outcome.Topic, seen, problemWhenSilent: false));
        }

        findings.AddRange(contract.Context.Select(c => Presence("context", c.Name, c.Topic, seen, problemWhenSilent: false)));
        return findings;
    }

    private static ContractFinding Presence(string role, string name, string topic, IReadOnlyList<SeenTopic> seen, bool problemWhenSilent)
    {
        var matches = Matching(topic, seen);
        return matches.Count == 0
            ? new(role, name, topic, "Silent", "nothing published during the check", problemWhenSilent)
            : new(role, name, topic, "Seen", $"{matches.Sum(m => m.Count)} message(s)", false);
    }

    private static List<SeenTopic> Matching(string filter, IReadOnlyList<SeenTopic> seen) =>
        [.. seen.Where(s => TopicFilter.MatchesValidated(filter, s.Topic))];
}
