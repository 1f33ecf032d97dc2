using Rung.Core.Outcomes;
using Rung.Storage.Challengers;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class DataStoreContract
{
    private static ShadowProposal Proposal(string caseId, string challenger, string? action, ShadowCallResult result = ShadowCallResult.Answered) =>
        new(caseId, AgentId, challenger, "v1.0.0", "scrap", result, action, action is null ? null : 0.8, action is not null, action is null ? "no answer" : null,
            TimeSpan.FromMilliseconds(12.5), new Dictionary<string, string> { ["shift"] = "night" }, T0.AddMinutes(2));

    private async Task JournalTwoCasesAsync()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendDecisionsAsync([Decision("c1", T0), Decision("c2", T0.AddMinutes(1))]);
    }

    [Fact]
    public async Task AppendShadowProposals_SameCaseAndVersionTwice_IsStoredOnce_AndReadsBackWithItsLabel()
    {
        await JournalTwoCasesAsync();
        var first = await Store.AppendShadowProposalsAsync([Proposal("c1", "v2", "scrap"), Proposal("c2", "v2", null, ShadowCallResult.TimedOut)]);
        var again = await Store.AppendShadowProposalsAsync([Proposal("c1", "v2", "pass"), Proposal("c1", "v3", "pass")]);
        await Store.AppendOutcomesAsync([Outcome("c1", OutcomeSource.HumanAction, T0.AddHours(1), correct: true)]);

        var rows = await (await OpenAnotherAsync()).GetShadowRowsAsync(AgentId, "v2", null);

        Assert.Equal([true, true], first);
        Assert.Equal([false, true], again);
        Assert.Equal(2, rows.Count);
        var c1 = rows[0];
        Assert.Equal(("c1", "scrap", "scrap", 0.8), (c1.Proposal.CaseId, c1.Proposal.ChallengerAction, c1.Label, c1.Proposal.ChallengerConfidence));
        Assert.Equal(("v1.0.0", true, 12.5), (c1.Proposal.ChampionVersion, c1.Proposal.HighSeverity, c1.Proposal.Latency.TotalMilliseconds));
        Assert.Equal(T0.AddMinutes(2), c1.Proposal.At);
        Assert.Equal("night", c1.Proposal.Slices["shift"]);
        Assert.Equal((ShadowCallResult.TimedOut, (string?)null, "no answer", (double?)null), (rows[1].Proposal.Result, rows[1].Label, rows[1].Proposal.Error, rows[1].Proposal.ChallengerConfidence));
        Assert.Single(await Store.GetShadowRowsAsync(AgentId, "v3", "v1.0.0"));
        Assert.Empty(await Store.GetShadowRowsAsync(AgentId, "v2", "v0.9"));
        Assert.Equal(["v2", "v3"], await Store.GetShadowChallengersAsync(AgentId));
        Assert.Empty(await Store.GetShadowChallengersAsync("oven-1"));
    }

    [Fact]
    public async Task AppendShadowProposals_UnknownCase_IsRefusedByNameAndNothingOfTheBatchIsStored()
    {
        await JournalTwoCasesAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AppendShadowProposalsAsync([Proposal("c1", "v2", "scrap"), Proposal("nope", "v2", "scrap")]));

        Assert.Contains("case 'nope' is not journalled", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetShadowRowsAsync(AgentId, "v2", null));
        Assert.Equal([true], await Store.AppendShadowProposalsAsync([Proposal("c1", "v2", "scrap")]));
    }

    [Fact]
    public async Task AppendShadowProposals_AnswerWithoutAction_IsBadInputNamingTheCase()
    {
        await JournalTwoCasesAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendShadowProposalsAsync([Proposal("c2", "v2", null)]));

        Assert.Contains("case 'c2'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetShadowChallengersAsync(AgentId));
    }
}
