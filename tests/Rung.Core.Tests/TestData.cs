using Rung.Core.Cases;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;

namespace Rung.Core.Tests;

internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static Proposal Proposal(string action = "scrap", double confidence = 0.95, bool ood = false, Severity severity = Severity.Low, double? value = null, string? target = null) =>
        new(new ProposedAction(action, target, value), confidence, ood, severity, [], "m1", TimeSpan.FromMilliseconds(1));

    public static FeatureVector Clean { get; } = new(new Dictionary<string, double> { ["x"] = 1 });

    public static FeatureVector Flagged { get; } = new(new Dictionary<string, double>(), [new QualityFlag("x", "missing")]);

    public static Judgement Right(int i) => new($"c{i}", true, null, "accept", "accept", T0.AddMinutes(i));

    public static Judgement Wrong(int i, Severity severity = Severity.Medium) => new($"c{i}", false, severity, "accept", "scrap", T0.AddMinutes(i));
}
