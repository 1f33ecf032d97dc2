using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Models;
using Rung.Registry.Shadow;
using Rung.Runtime.Agents;
using Rung.Runtime.Challengers;
using Rung.Runtime.Tests.Agents;
using Rung.Storage.Challengers;
using Rung.Storage.Journal;
using static Rung.Runtime.Tests.Agents.RuntimeFixture;

namespace Rung.Runtime.Tests.Challengers;

public sealed class ChallengerShadowTests
{
    private static readonly ChallengerShadowOptions Options = new() { Timeout = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Journalled_ChallengerThrows_ChampionDecidesAndDeliversAsAlone_FailuresAreCountedAndStored()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var challenger = new FakeChallenger("v2", (_, _) => throw new InvalidOperationException("weights missing"));
        await using var shadow = ChallengerShadow.Start(f.Store, agent.UseCase.Agent, challenger, Options, f.Clock);
        agent.Observer = shadow;

        var decided = await agent.DecideAsync([Case("p1", answer: 0), Case("p2", answer: 1)]);
        await shadow.DrainAsync();

        Assert.All(decided, d => Assert.Equal(Disposition.Committed, d.Record.Decision.Disposition));
        Assert.Equal(["accept", "scrap"], decided.Select(d => d.Record.Proposal.Action.Name));
        Assert.Equal(2, f.DeliveredLines().Length);
        Assert.Equal(new ChallengerShadowCounters(0, 2, 0, 0, 0), shadow.Counters);
        var rows = await f.Store.GetShadowRowsAsync(agent.AgentId, "v2", null);
        Assert.Equal(["p1", "p2"], rows.Select(r => r.Proposal.CaseId));
        Assert.All(rows, r =>
        {
            Assert.Equal(ShadowCallResult.Failed, r.Proposal.Result);
            Assert.Null(r.Proposal.ChallengerAction);
            Assert.Equal("InvalidOperationException: weights missing", r.Proposal.Error);
            Assert.Equal("scripted-1", r.Proposal.ChampionVersion);
        });
    }

    [Fact]
    public async Task Journalled_ChallengerNeverReturns_IsAbandonedAfterTheTimeout_AndNotCalledAgainWhileOut()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var never = new TaskCompletionSource<ModelOutput>();
        // Ignores its cancellation token on purpose: the shadow must stop waiting all the same.
        var challenger = new FakeChallenger("v2", (_, _) => never.Task);
        await using var shadow = ChallengerShadow.Start(f.Store, agent.UseCase.Agent, challenger, Options, f.Clock);
        agent.Observer = shadow;

        var first = await agent.DecideAsync([Case("p1", answer: 0), Case("p2", answer: 0)]);
        var second = await agent.DecideAsync([Case("p3", answer: 1)]);
        await shadow.DrainAsync();

        Assert.Equal(Disposition.Committed, first[0].Record.Decision.Disposition);
        Assert.Equal(AppendResult.Stored, second[0].Result);
        Assert.Equal(3, f.DeliveredLines().Length);
        Assert.Equal(1, challenger.Calls);
        Assert.Equal(new ChallengerShadowCounters(0, 0, 3, 0, 0), shadow.Counters);
        var rows = await f.Store.GetShadowRowsAsync(agent.AgentId, "v2", "scripted-1");
        Assert.All(rows, r => Assert.Equal(ShadowCallResult.TimedOut, r.Proposal.Result));
        Assert.StartsWith("no answer within 100 ms", rows.Single(r => r.Proposal.CaseId == "p1").Proposal.Error, StringComparison.Ordinal);
        Assert.Contains("has not returned", rows.Single(r => r.Proposal.CaseId == "p3").Proposal.Error, StringComparison.Ordinal);
        never.SetResult(Answer("accept"));
    }

    [Fact]
    public async Task Comparison_IsComputedFromStoredRows_WithLabelsAsTheyArrive_PerShift_AndHighSeverityDisagreements()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.Shadow);
        // The challenger says accept wherever the champion would stop the line: accept for a true stop_line is High.
        var challenger = new FakeChallenger("v2", (features, _) => Task.FromResult(Answer(features.Values["answer"] == 1 ? "scrap" : "accept")));
        await using var shadow = ChallengerShadow.Start(f.Store, agent.UseCase.Agent, challenger, Options with { Slices = ShadowSlices.ByShift(agent.UseCase.Agent) }, f.Clock);
        agent.Observer = shadow;

        await agent.DecideAsync([Case("p1", answer: 0), Case("p2", answer: 1), Case("p3", answer: 2), Case("p4", answer: 2)]);
        await shadow.DrainAsync();
        var before = await LiveShadowComparer.CompareAsync(f.Store, agent.AgentId, "v2", null, f.Clock);
        await agent.RecordOutcomesAsync(
        [
            new Outcome("p1", OutcomeSource.HumanAction, "accept", f.Clock.GetUtcNow(), "op"),
            new Outcome("p3", OutcomeSource.HumanAction, "stop_line", f.Clock.GetUtcNow(), "op"),
            new Outcome("p4", OutcomeSource.HumanAction, "accept", f.Clock.GetUtcNow(), "op"),
        ]);
        var after = await LiveShadowComparer.CompareAsync(f.Store, agent.AgentId, "v2", null, f.Clock);

        Assert.Equal((4, 4, 2, 0), (before.Cases, before.Answered, before.Agreements, before.Labelled));
        Assert.Equal(0.5, before.Agreement);
        Assert.Equal(2, before.HighSeverityDisagreements);
        Assert.Equal("scripted-1", after.Champion);
        Assert.Equal((3, 2, 2), (after.Labelled, after.ChampionCorrect, after.ChallengerCorrect));
        var slice = Assert.Single(after.Slices);
        Assert.Equal(("shift", "early", 4, 3), (slice.Key, slice.Value, slice.Cases, slice.Labelled));
        Assert.Contains("agreement 50.0 %", after.Describe()[0], StringComparison.Ordinal);
        Assert.Contains("2 high-severity disagreements", after.Describe()[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journalled_DuplicateCase_IsNotGivenToTheChallengerAgain()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var challenger = new FakeChallenger("v2", (_, _) => Task.FromResult(Answer("accept")));
        await using var shadow = ChallengerShadow.Start(f.Store, agent.UseCase.Agent, challenger, Options, f.Clock);
        agent.Observer = shadow;

        await agent.DecideAsync([Case("p1", answer: 0)]);
        await agent.DecideAsync([Case("p1", answer: 0)]);
        await shadow.DrainAsync();

        Assert.Equal(1, challenger.Calls);
        Assert.Single(await f.Store.GetShadowRowsAsync(agent.AgentId, "v2", null));
    }

    [Fact]
    public async Task Journalled_QueueFull_DropsAndCountsInsteadOfWaiting()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var release = new TaskCompletionSource<ModelOutput>(TaskCreationOptions.RunContinuationsAsynchronously);
        var challenger = new FakeChallenger("v2", (_, _) => release.Task);
        await using var shadow = ChallengerShadow.Start(f.Store, agent.UseCase.Agent, challenger, new ChallengerShadowOptions { Timeout = TimeSpan.FromMinutes(5), MaxPendingCases = 2 }, f.Clock);
        agent.Observer = shadow;

        await agent.DecideAsync([Case("p1", answer: 0), Case("p2", answer: 0)]);
        await agent.DecideAsync([Case("p3", answer: 0)]);
        release.SetResult(Answer("accept"));
        await shadow.DrainAsync();

        Assert.Equal(3, f.DeliveredLines().Length);
        Assert.Equal(new ChallengerShadowCounters(2, 0, 0, 1, 0), shadow.Counters);
        Assert.Equal(["p1", "p2"], (await f.Store.GetShadowRowsAsync(agent.AgentId, "v2", null)).Select(r => r.Proposal.CaseId));
    }

    private static ModelOutput Answer(string action) => new(new ProposedAction(action, null, null), 0.9, [], false);
}
