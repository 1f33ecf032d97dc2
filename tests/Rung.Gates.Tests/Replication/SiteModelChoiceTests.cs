using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Gates.Replication;
using Rung.Models;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Gates.Tests.Replication;

public sealed class SiteModelChoiceTests
{
    private static readonly Core.UseCases.AgentDefinition Agent = UseCaseLoader.Load(MinimalUseCase.Text, "uc.yaml").Definition.Agent;

    // Site cases: x below 0.5 should be accepted, above scrapped. The shared model's threshold sits at 0.6, a site
    // model at 0.5: the site model is right on every case, the shared one wrong on the band between.
    private static readonly IReadOnlyList<ShadowCase> Cases =
        [.. Enumerable.Range(0, 200).Select(i => new ShadowCase($"c{i}", new Dictionary<string, double> { ["x"] = i / 200.0 }, i / 200.0 < 0.5 ? "accept" : "scrap"))];

    [Fact]
    public async Task DecideAsync_SiteModelPassesGatesAndIsBetter_SwitchesWithTheNumbers()
    {
        var choice = new SiteModelChoice(Agent, new GateOptions(), new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var verdict = await choice.DecideAsync(new Threshold("shared-1.0", 0.6), new Threshold("koeln-1.0", 0.5), Cases);

        Assert.Equal(ModelChoice.SiteSpecific, verdict.Choice);
        Assert.Equal(200, verdict.Shadow.Labelled);
        Assert.Equal(180, verdict.Shadow.ChampionCorrect);
        Assert.Equal(200, verdict.Shadow.ChallengerCorrect);
        Assert.True(verdict.Gate.Passed);
        Assert.Contains("90.0%", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_SiteModelWorse_KeepsTheSharedModel()
    {
        var choice = new SiteModelChoice(Agent, new GateOptions(), new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var verdict = await choice.DecideAsync(new Threshold("shared-1.0", 0.5), new Threshold("koeln-1.0", 0.6), Cases);

        Assert.Equal(ModelChoice.KeepShared, verdict.Choice);
        Assert.False(verdict.Gate.Passed);
        Assert.Contains("holdout.accuracy", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_NoLabelsYet_KeepsTheSharedModel()
    {
        var choice = new SiteModelChoice(Agent, new GateOptions(), new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var verdict = await choice.DecideAsync(new Threshold("shared-1.0", 0.6), new Threshold("koeln-1.0", 0.5), [.. Cases.Select(c => c with { Label = null })]);

        Assert.Equal(ModelChoice.KeepShared, verdict.Choice);
        Assert.Contains("no labelled shadow cases", verdict.Reason, StringComparison.Ordinal);
    }

    private sealed class Threshold(string version, double cut) : IModelAdapter
    {
        public string Version => version;

        public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ModelOutput(new ProposedAction(features.Values.GetValueOrDefault("x", 1) < cut ? "accept" : "scrap"), 0.95, []));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
