using Rung.Core.Outcomes;
using Rung.Storage.Challengers;
using Rung.Storage.Sqlite;
using Rung.Testing;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests.Sqlite;

public sealed class ChallengerShadowStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private SqliteRungStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteRungStore.OpenAsync(Path.Combine(_directory.Path, "rung.db"), new ManualTimeProvider(T0));
        await _store.EnsureAgentAsync(Agent(), Initial());
        await _store.AppendDecisionsAsync([Decision("c1", T0), Decision("c2", T0.AddMinutes(1))]);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>Runs after the store was disposed (xunit calls DisposeAsync first).</summary>
    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AppendShadowProposals_SameCaseAndVersionTwice_IsStoredOnce_AndReadsBackWithItsLabel()
    {
        var first = await _store.AppendShadowProposalsAsync([Proposal("c1", "v2", "scrap"), Proposal("c2", "v2", null, ShadowCallResult.TimedOut)]);
        var again = await _store.AppendShadowProposalsAsync([Proposal("c1", "v2", "pass"), Proposal("c1", "v3", "pass")]);
        await _store.AppendOutcomesAsync([Outcome("c1", OutcomeSource.HumanAction, T0.AddHours(1), correct: true)]);

        var rows = await _store.GetShadowRowsAsync(AgentId, "v2", null);

        Assert.Equal([true, true], first);
        Assert.Equal([false, true], again);
        Assert.Equal(2, rows.Count);
        var c1 = rows[0];
        Assert.Equal(("c1", "scrap", "scrap", 0.8), (c1.Proposal.CaseId, c1.Proposal.ChallengerAction, c1.Label, c1.Proposal.ChallengerConfidence));
        Assert.Equal(("v1.0.0", true, 12.5), (c1.Proposal.ChampionVersion, c1.Proposal.HighSeverity, c1.Proposal.Latency.TotalMilliseconds));
        Assert.Equal("night", c1.Proposal.Slices["shift"]);
        Assert.Equal((ShadowCallResult.TimedOut, (string?)null, "no answer"), (rows[1].Proposal.Result, rows[1].Label, rows[1].Proposal.Error));
        Assert.Empty(await _store.GetShadowRowsAsync(AgentId, "v2", "v0.9"));
        Assert.Equal(["v2", "v3"], await _store.GetShadowChallengersAsync(AgentId));
    }

    [Fact]
    public async Task AppendShadowProposals_UnknownCase_IsRefusedByNameAndNothingOfTheBatchIsStored()
    {
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.AppendShadowProposalsAsync([Proposal("c1", "v2", "scrap"), Proposal("nope", "v2", "scrap")]));

        Assert.Contains("case 'nope' is not journalled", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.GetShadowRowsAsync(AgentId, "v2", null));
    }

    [Fact]
    public async Task AppendShadowProposals_AnswerWithoutAction_IsBadInputNamingTheCase()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendShadowProposalsAsync([Proposal("c2", "v2", null)]));

        Assert.Contains("case 'c2'", error.Message, StringComparison.Ordinal);
    }

    private static ShadowProposal Proposal(string caseId, string challenger, string? action, ShadowCallResult result = ShadowCallResult.Answered) =>
        new(caseId, AgentId, challenger, "v1.0.0", "scrap", result, action, action is null ? null : 0.8, action is not null, action is null ? "no answer" : null,
            TimeSpan.FromMilliseconds(12.5), new Dictionary<string, string> { ["shift"] = "night" }, T0.AddMinutes(2));
}
