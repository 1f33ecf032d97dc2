using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task AppendOutcomeAsync_keeps_one_outcome_per_source()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0)]);

        Assert.True(await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.HumanAction, T0.AddHours(1), correct: true)));
        Assert.False(await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.HumanAction, T0.AddHours(2), correct: false)));
        Assert.True(await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.QualityResult, T0.AddHours(3), correct: false)));

        var judgement = Assert.Single(await Store.GetRecentJudgementsAsync(AgentId, 10, null));
        Assert.True(judgement.Correct);
        Assert.Equal(T0.AddHours(1), judgement.At);
    }

    [Fact]
    public async Task AppendOutcomeAsync_for_an_unknown_case_throws_KeyNotFoundException()
    {
        await CreateAgentAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(
            () => Store.AppendOutcomeAsync(Outcome("c-none", OutcomeSource.HumanAction, T0, correct: true)));

        Assert.Contains("c-none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_outcome_arriving_later_becomes_the_first_judgement()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0)]);
        await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.QualityResult, T0.AddHours(5), correct: true));

        await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.HumanAction, T0.AddHours(1), correct: false, Severity.High));

        var judgement = Assert.Single(await Store.GetRecentJudgementsAsync(AgentId, 10, null));
        Assert.False(judgement.Correct);
        Assert.Equal(Severity.High, judgement.ErrorSeverity);
        Assert.Equal("pass", judgement.CorrectAction);
        Assert.Equal(T0.AddHours(1), judgement.At);
    }

    [Fact]
    public async Task GetRecentJudgementsAsync_returns_the_latest_first_judgements_oldest_first()
    {
        await CreateAgentAsync();
        await CreateAgentAsync("oven-1");
        await Store.AppendDecisionsAsync([.. Enumerable.Range(0, 6).Select(i => Decision($"c{i}", T0.AddMinutes(i))), Decision("o1", T0, agentId: "oven-1")]);
        for (var i = 0; i < 6; i++)
        {
            // Judgement times run against case order, so ordering by judgement time is observable.
            await Store.AppendOutcomeAsync(Outcome($"c{i}", OutcomeSource.HumanAction, T0.AddHours(10 - i), correct: i % 2 == 0));
        }

        await Store.AppendOutcomeAsync(Outcome("c5", OutcomeSource.QualityResult, T0.AddHours(20), correct: true));
        await Store.AppendOutcomeAsync(Outcome("o1", OutcomeSource.HumanAction, T0.AddHours(30), correct: true));

        var latest = await Store.GetRecentJudgementsAsync(AgentId, 3, null);
        var since = await Store.GetRecentJudgementsAsync(AgentId, 10, T0.AddHours(8));

        Assert.Equal(["c2", "c1", "c0"], latest.Select(j => j.CaseId));
        Assert.Equal([T0.AddHours(8), T0.AddHours(9), T0.AddHours(10)], latest.Select(j => j.At));
        Assert.Equal(["c2", "c1", "c0"], since.Select(j => j.CaseId));
        Assert.Equal(6, (await Store.GetRecentJudgementsAsync(AgentId, 100, null)).Count);
        Assert.Empty(await Store.GetRecentJudgementsAsync(AgentId, 0, null));
    }
}
