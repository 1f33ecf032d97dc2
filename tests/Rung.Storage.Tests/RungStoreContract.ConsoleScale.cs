using Rung.Core.Approvals;
using Rung.Core.Policy;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

// The console reads rewritten so they stay flat as the case table grows (schema 0016): same answers as before.
public abstract partial class RungStoreContract
{
    [Fact]
    public async Task GetPendingApprovalsAsync_lists_only_the_drafts_without_a_verdict_oldest_first_within_the_limit()
    {
        await CreateAgentAsync();
        await CreateAgentAsync("line4-quality");
        await Store.AppendDecisionsAsync([
            .. Enumerable.Range(0, 5).Select(i => Decision($"c{i}", T0.AddMinutes(i), Disposition.PendingApproval)),
            Decision("logged", T0.AddMinutes(6)),
            Decision("other", T0.AddMinutes(7), Disposition.PendingApproval, agentId: "line4-quality"),
        ]);
        Assert.True(await Store.AppendApprovalAsync(new Approval("c1", "anna", Verdict.Approved, T0.AddHours(1))));
        Assert.True(await Store.AppendApprovalAsync(new Approval("c3", "anna", Verdict.Rejected, T0.AddHours(1), "Part is fine.")));

        Assert.Equal(["c0", "c2", "c4"], (await Store.GetPendingApprovalsAsync(AgentId, 10)).Select(d => d.Case.CaseId));
        Assert.Equal(["c0", "c2"], (await Store.GetPendingApprovalsAsync(AgentId, 2)).Select(d => d.Case.CaseId));
        Assert.Equal(["other"], (await Store.GetPendingApprovalsAsync("line4-quality", 10)).Select(d => d.Case.CaseId));

        // A case forwarded twice (an edge resending a batch) is one draft, and its verdict clears it.
        await Store.AppendDecisionsAsync([Decision("c0", T0, Disposition.PendingApproval)]);
        Assert.True(await Store.AppendApprovalAsync(new Approval("c0", "anna", Verdict.Approved, T0.AddHours(2))));
        Assert.Equal(["c2", "c4"], (await Store.GetPendingApprovalsAsync(AgentId, 10)).Select(d => d.Case.CaseId));
    }

    [Fact]
    public async Task GetPeriodStatsAsync_counts_items_past_due_at_each_period_end_however_long_ago_they_were_created()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([
            Decision("resolved-long-ago", T0, Disposition.Excepted),
            Decision("resolved-later", T0.AddDays(2), Disposition.Excepted),
            Decision("still-open", T0.AddDays(5.5), Disposition.Excepted),
            Decision("not-yet-due", T0.AddDays(6.95), Disposition.Excepted),
        ]);
        Assert.True(await Store.ResolveExceptionAsync("resolved-long-ago", "anna", "scrap", T0.AddDays(1)));
        Assert.True(await Store.ResolveExceptionAsync("resolved-later", "anna", "scrap", T0.AddDays(6.5)));

        var stats = await Store.GetPeriodStatsAsync(AgentId, T0.AddDays(5), TimeSpan.FromDays(1), T0.AddDays(7));

        // Day 5 ends with two items open past due; day 6 with one, plus the late resolution made that day.
        Assert.Equal([2, 2], stats.Select(s => s.SlaBreaches));
        Assert.Equal([0, 1], stats.Select(s => s.ExceptionsResolved));
    }
}
