using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Bench.Scale;

/// <summary>The benchmark plant: ten agents on one line, and the four template decisions the fill copies.</summary>
internal static class Layout
{
    public const int Agents = 10;

    /// <summary>The agent the single-agent pages are read for.</summary>
    public const string Agent = "line3";

    /// <summary>The newest case; the plant's "now" for windowed reads.</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time between cases across the ten agents (each agent decides every 2 minutes).</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(12);

    /// <summary>Before the oldest case at 10 million: the agents' start and the templates' time.</summary>
    public static readonly DateTimeOffset T0 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.Ticks;

    public static async Task SeedAsync(IRungDataStore store)
    {
        for (var a = 0; a < Agents; a++)
        {
            var id = $"line{a}";
            await store.EnsureAgentAsync(
                new AgentRecord(id, "uc-" + id, $"acme/plant1/assembly/{id}", Stage.AutoWithExceptions, T0, $$"""{"id":"{{id}}"}"""),
                new StageChange(id, Stage.AutoWithExceptions, Stage.AutoWithExceptions, StageChangeKind.Initial, T0, "system", "Benchmark.", new Dictionary<string, string>()));
        }

        await store.AppendDecisionsAsync([.. new[] { Disposition.Logged, Disposition.PendingApproval, Disposition.Committed, Disposition.Excepted }.Select(Template)]);
    }

    private static DecisionRecord Template(Disposition disposition)
    {
        var caseId = $"tpl-{(int)disposition}";
        var @case = new Case(caseId, "line0", T0, new FeatureVector(new Dictionary<string, double> { ["torque"] = 12.5, ["temp"] = 80.25 }));
        var proposal = new Proposal(new ProposedAction("scrap"), 0.97, false, Severity.Medium, [new FeatureContribution("torque", 0.4)], "v1.0.0", TimeSpan.FromMilliseconds(3));
        var reasons = disposition == Disposition.Excepted ? new[] { "Confidence below 0.9." } : [];
        ExceptionItem? item = disposition == Disposition.Excepted ? new ExceptionItem(caseId, "line0", "Confidence below 0.9.", T0, T0.AddHours(4)) : null;
        return new DecisionRecord(@case, proposal, Stage.AutoWithExceptions, new PolicyDecision(disposition, reasons, null), T0.AddMilliseconds(5), item);
    }
}
