using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Runtime.Contracts;
using Rung.Simulation.Disturbances;
using Rung.Runtime.Monitoring;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>
/// Drift alarms per feature on the line's live data before the supplier change: seasonal ambient temperature and
/// two tool-wear episodes are real changes, so these alarms are findings, not false alarms.
/// </summary>
internal static class LineAlarms
{
    public sealed record FeatureLine(string Feature, int Alarms, int AlarmsInWearEpisodes, double? FirstAlarmDay, double ActiveShare);

    public static (int Cases, IReadOnlyList<FeatureLine> Features) Run(LinePilot pilot, int window)
    {
        var useCase = BenchUseCases.Line(window, Stage.Shadow);
        var driver = new MonitorDriver(useCase, new AgentMonitor(useCase.Agent, pilot.Reference));
        var contract = new DataContract(useCase.Agent.Inputs);
        var features = pilot.Reference.Numeric.Keys.Concat(pilot.Reference.Categorical.Keys).ToArray();
        var alarms = features.ToDictionary(f => f, _ => 0, StringComparer.Ordinal);
        var inEpisodes = features.ToDictionary(f => f, _ => 0, StringComparer.Ordinal);
        // An episode's effect reaches the window for about a day after it ends.
        var episodes = pilot.Options.Disturbances.OfType<ToolWearAcceleration>()
            .Select(e => (From: pilot.Options.Start + e.After, To: pilot.Options.Start + e.After + e.Duration + TimeSpan.FromDays(1)))
            .ToArray();
        var first = new Dictionary<string, double>(StringComparer.Ordinal);
        var activeChecks = features.ToDictionary(f => f, _ => 0, StringComparer.Ordinal);
        var wasActive = new HashSet<string>(StringComparer.Ordinal);
        var checks = 0;
        var logged = new PolicyDecision(Disposition.Logged, []);
        foreach (var part in pilot.PartsBeforeSupplierChange)
        {
            var vector = contract.Map(part.Sensors.ToDictionary(s => s.Key, s => (double?)s.Value, StringComparer.Ordinal));
            var answer = pilot.Model.Predict(vector);
            var proposal = new Proposal(answer.Action, answer.Confidence, answer.OutOfDistribution, Severity.Low, answer.Explanation, "pilot-1.0", TimeSpan.FromMilliseconds(0.05));
            var record = new DecisionRecord(new Case(part.PartId, useCase.Agent.Id, part.ProducedAt, vector), proposal, Stage.Shadow, logged, part.ProducedAt, null);
            var conditions = driver.Add(record);
            if (conditions is null)
            {
                continue;
            }

            checks++;
            foreach (var feature in features)
            {
                var active = MonitorDriver.DriftActive(conditions, feature);
                activeChecks[feature] += active ? 1 : 0;
                if (active && wasActive.Add(feature))
                {
                    alarms[feature]++;
                    inEpisodes[feature] += episodes.Any(e => part.ProducedAt >= e.From && part.ProducedAt < e.To) ? 1 : 0;
                    first.TryAdd(feature, (part.ProducedAt - pilot.Options.Start).TotalDays);
                }
                else if (!active)
                {
                    wasActive.Remove(feature);
                }
            }
        }

        return (pilot.PartsBeforeSupplierChange.Count, [.. features.Select(f => new FeatureLine(f, alarms[f], inEpisodes[f], first.TryGetValue(f, out var d) ? d : null, checks == 0 ? 0 : activeChecks[f] / (double)checks))]);
    }
}
