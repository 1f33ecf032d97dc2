using Rung.Core.Outcomes;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Runtime.Agents;
using Rung.Runtime.Challengers;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Storage.Registry;

namespace Rung.Registry.Tests;

public sealed class LiveShadowReleaseTests
{
    [Fact]
    public async Task Release_RequiresTheMinimumOfLiveShadowCases_AndStoresTheLiveComparisonAsEvidence()
    {
        await using var f = await RegistryFixture.CreateAsync(ReleasePolicy.Regulated with { MinimumShadowCases = 30 });
        var cases = RegistryFixture.Cases(600, 80);
        var v1 = await f.ReleaseFirstChampionAsync(f.TrainModelFile("a", cases));
        var v2 = await f.RegisterSignedAsync(f.TrainModelFile("b", cases, c => c.CorrectAction == "scrap" ? "hold_for_inspection" : c.CorrectAction), v1.Version);
        await f.Registry.RecordGateAsync(new GateReport(f.AgentId, v2.Version, v1.Version, [new GateCheck("holdout.accuracy", true, "test")], f.Time.GetUtcNow()), "ml.engineer");
        await f.Registry.SetChallengerAsync(f.AgentId, v2.Version, "ml.engineer");
        await using var host = await VerifiedModelHost.StartAsync(f.Registry, f.AgentId, f.Alarms, f.Time);
        await using var connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(f.DataPath, "actions.jsonl"));
        var agent = await AgentRuntime.StartAsync(f.UseCase, f.Store, host, connector, f.Time);
        await using var shadow = await ChallengerShadow.StartAsync(f.Registry, f.Store, f.Agent, new ChallengerShadowOptions { Slices = ShadowSlices.ByShift(f.Agent) }, f.Time);
        agent.Observer = shadow;
        var signatures = new ApprovingSignatures("qa.lead");
        Assert.Equal(v2.Version, shadow.Version);

        await DecideAsync(agent, cases.Take(20));
        await shadow.DrainAsync();
        var refused = await Assert.ThrowsAsync<ReleaseRefusedException>(() => f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", signatures));

        Assert.Contains("only 20 live shadow cases beside the champion v1 (0 failed, 0 timed out); the release policy requires at least 30", refused.Reasons);
        Assert.Equal(v1.Version, await f.Registry.GetAliasAsync(f.AgentId, ModelAliases.Champion));
        var first = Assert.Single(await LiveEvidenceAsync(f, v2.Version));
        Assert.False(first.Passed);
        Assert.Equal(20, LiveShadowComparison.FromJson(first.Json).Answered);

        await DecideAsync(agent, cases.Skip(20).Take(20));
        await agent.RecordOutcomesAsync([.. cases.Take(40).Select(c => new Outcome(c.CaseId, OutcomeSource.HumanAction, c.CorrectAction, f.Time.GetUtcNow(), "line3.operator"))]);
        await shadow.DrainAsync();
        var release = await f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", signatures);

        Assert.Equal((v2.Version, v1.Version), (release.Version, release.Previous));
        var evidence = await LiveEvidenceAsync(f, v2.Version);
        Assert.True(evidence[^1].Passed);
        var live = LiveShadowComparison.FromJson(evidence[^1].Json);
        Assert.Equal((40, 40, 40, v1.Version), (live.Cases, live.Answered, live.Labelled, live.Champion));
        Assert.Equal(await CountCorrectAsync(f, cases.Take(40), "v1"), live.ChampionCorrect);
        Assert.NotEmpty(live.Slices);
        Assert.Equal(40, live.Slices.Sum(s => s.Cases));

        // Released, the version is no longer a challenger: nothing more runs in shadow.
        await shadow.FollowChallengerAsync();
        Assert.Null(shadow.Version);
        await DecideAsync(agent, cases.Skip(40).Take(5));
        await shadow.DrainAsync();
        Assert.Equal(40, (await f.Store.GetShadowRowsAsync(f.AgentId, v2.Version, null)).Count);
    }

    [Fact]
    public async Task CompareLive_MatchesTheStoredRowsEvenForAChallengerThatAnsweredNothing()
    {
        await using var f = await RegistryFixture.CreateAsync(ReleasePolicy.Regulated with { MinimumShadowCases = 1 });
        var cases = RegistryFixture.Cases(300, 81);
        var v1 = await f.ReleaseFirstChampionAsync(f.TrainModelFile("a", cases));
        var v2 = await f.RegisterSignedAsync(f.TrainModelFile("b", cases), v1.Version);
        await f.Registry.RecordGateAsync(new GateReport(f.AgentId, v2.Version, v1.Version, [new GateCheck("holdout.accuracy", true, "test")], f.Time.GetUtcNow()), "ml.engineer");

        var comparison = await f.Registry.CompareLiveAsync(f.AgentId, v2.Version, v1.Version);
        var refused = await Assert.ThrowsAsync<ReleaseRefusedException>(() => f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", new ApprovingSignatures("qa.lead")));

        Assert.Equal((0, 0, (double?)null), (comparison.Cases, comparison.Labelled, comparison.Agreement));
        Assert.Contains(refused.Reasons, r => r.StartsWith("only 0 live shadow cases beside the champion v1", StringComparison.Ordinal));
    }

    private static async Task DecideAsync(AgentRuntime agent, IEnumerable<LabelledCase> cases) =>
        await agent.DecideAsync([.. cases.Select(c => new CaseInput(c.CaseId, c.OccurredAt, c.Features.ToDictionary(kv => kv.Key, kv => (double?)kv.Value)))]);

    private static async Task<List<ModelEvidence>> LiveEvidenceAsync(RegistryFixture f, string version) =>
        [.. (await f.Store.GetModelEvidenceAsync(f.AgentId, version)).Where(e => e.Kind == LiveShadowComparison.EvidenceKind)];

    private static async Task<int> CountCorrectAsync(RegistryFixture f, IEnumerable<LabelledCase> cases, string championVersion)
    {
        var correct = 0;
        foreach (var c in cases)
        {
            var decision = (await f.Store.GetDecisionAsync(c.CaseId))!;
            Assert.Equal(championVersion, decision.Proposal.ModelVersion);
            correct += decision.Proposal.Action.Name == c.CorrectAction ? 1 : 0;
        }

        return correct;
    }
}
