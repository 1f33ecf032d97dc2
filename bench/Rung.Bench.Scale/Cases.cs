using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Journal;

namespace Rung.Bench.Scale;

/// <summary>Synthetic cases shaped like the demo's: two features, one contribution, a realistic mix of dispositions.</summary>
internal static class Cases
{
    public const string AgentId = "line3-quality";

    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static AgentRecord Agent() => new(AgentId, "uc-line3", "acme/plant1/assembly/line3", Stage.AutoWithExceptions, T0, """{"id":"line3-quality"}""");

    public static StageChange Initial() =>
        new(AgentId, Stage.AutoWithExceptions, Stage.AutoWithExceptions, StageChangeKind.Initial, T0, "system", "Benchmark.", new Dictionary<string, string>());

    /// <summary>Case <paramref name="n"/>: 1 in 100 waits for approval, 1 in 100 is an exception, the rest commit or log.</summary>
    public static DecisionRecord Decision(string prefix, long n)
    {
        var at = T0.AddSeconds(n);
        var disposition = (n % 100) switch
        {
            0 => Disposition.PendingApproval,
            1 => Disposition.Excepted,
            < 50 => Disposition.Committed,
            _ => Disposition.Logged,
        };
        var caseId = $"{prefix}-{n}";
        var @case = new Case(caseId, AgentId, at, new FeatureVector(new Dictionary<string, double> { ["torque"] = 12.5 + (n % 7), ["temp"] = 80.25 }));
        var proposal = new Proposal(new ProposedAction("scrap"), 0.97, false, Severity.Medium, [new FeatureContribution("torque", 0.4)], "v1.0.0", TimeSpan.FromMilliseconds(3));
        var reasons = disposition == Disposition.Excepted ? new[] { "Confidence below 0.9." } : [];
        ExceptionItem? item = disposition == Disposition.Excepted ? new ExceptionItem(caseId, AgentId, "Confidence below 0.9.", at, at.AddHours(4)) : null;
        return new DecisionRecord(@case, proposal, Stage.AutoWithExceptions, new PolicyDecision(disposition, reasons, null), at.AddMilliseconds(5), item);
    }
}
