using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

// The gate's case evidence reads its window through the covering index of schema 0018: the same cases, the same
// order and the same joined values as a read of the table.
public abstract partial class DataStoreContract
{
    [Fact]
    public async Task GetCaseEvidenceAsync_reads_from_inclusive_to_exclusive_ordered_by_time_then_append_order()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.EnsureAgentAsync(Agent("line4-quality"), Initial("line4-quality"));
        var from = T0.AddDays(1);
        var to = T0.AddDays(3);
        await Store.AppendDecisionsAsync([
            Decision("before", from.AddTicks(-1)),
            Decision("at-from", from, Disposition.Committed),
            Decision("tie-b", from.AddHours(1), Disposition.PendingApproval, action: "rework"),
            Decision("tie-a", from.AddHours(1), Disposition.Excepted),
            Decision("other-agent", from.AddHours(1), agentId: "line4-quality"),
            Decision("at-to", to),
        ]);
        await Store.AppendDecisionsAsync([Decision("last-in", to.AddTicks(-1), Disposition.Blocked), Decision("tie-c", from.AddHours(1))]);
        await Store.AppendOutcomesAsync([
            Outcome("tie-a", OutcomeSource.ExceptionDecision, from.AddHours(2), correct: false, Severity.High),
            Outcome("tie-a", OutcomeSource.QualityResult, from.AddHours(5), correct: true),
        ]);
        await Store.MarkActionsDeliveredAsync(["at-from"], from.AddMinutes(1));

        var cases = await Store.GetCaseEvidenceAsync(AgentId, from, to);

        // Ties on occurred_at come in append order, whatever their case ids or batches.
        Assert.Equal(["at-from", "tie-b", "tie-a", "tie-c", "last-in"], cases.Select(c => c.CaseId));
        Assert.Equal(
            [Disposition.Committed, Disposition.PendingApproval, Disposition.Excepted, Disposition.Logged, Disposition.Blocked],
            cases.Select(c => c.Disposition));
        Assert.Equal(["scrap", "rework", "scrap", "scrap", "scrap"], cases.Select(c => c.ProposedAction));
        Assert.All(cases, c => Assert.Equal(Stage.AutoWithExceptions, c.Stage));
        Assert.Equal(from, cases[0].OccurredAt);
        Assert.Equal(to.AddTicks(-1), cases[^1].OccurredAt);

        // The case's first outcome labels it; a later one does not add a row.
        var labelled = cases[2];
        Assert.False(labelled.Correct);
        Assert.Equal(Severity.High, labelled.ErrorSeverity);
        Assert.Equal("pass", labelled.CorrectAction);
        Assert.Equal(from.AddHours(2), labelled.JudgedAt);
        Assert.All(cases.Where(c => c.CaseId != "tie-a"), c => Assert.Null(c.JudgedAt));

        Assert.NotNull(cases[0].CommittedAt);
        Assert.Equal(from.AddMinutes(1), cases[0].DeliveredAt);
        Assert.All(cases.Skip(1), c => Assert.Null(c.CommittedAt));
    }

    [Fact]
    public async Task GetCaseEvidenceAsync_of_an_empty_window_is_empty()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendDecisionsAsync([Decision("c1", T0), Decision("c2", T0.AddDays(2))]);

        Assert.Empty(await Store.GetCaseEvidenceAsync(AgentId, T0.AddTicks(1), T0.AddDays(2)));
        Assert.Empty(await Store.GetCaseEvidenceAsync(AgentId, T0, T0));
        Assert.Empty(await Store.GetCaseEvidenceAsync(AgentId, T0.AddDays(2), T0));
        Assert.Empty(await Store.GetCaseEvidenceAsync("line4-quality", T0, T0.AddDays(3)));
        Assert.Equal(["c1"], (await Store.GetCaseEvidenceAsync(AgentId, T0, T0.AddTicks(1))).Select(c => c.CaseId));
    }
}
