using Rung.Core.Approvals;
using Rung.Core.Policy;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task AppendApprovalAsync_approves_once_and_commits_the_draft()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.PendingApproval), Decision("c2", T0.AddMinutes(1), Disposition.PendingApproval)]);
        Assert.Equal(["c1", "c2"], (await Store.GetPendingApprovalsAsync(AgentId, 10)).Select(d => d.Case.CaseId));

        var approvedAt = T0.AddMinutes(30);
        Assert.True(await Store.AppendApprovalAsync(new Approval("c1", "anna", Verdict.Approved, approvedAt)));
        Assert.False(await Store.AppendApprovalAsync(new Approval("c1", "ben", Verdict.Rejected, approvedAt.AddMinutes(1), "Wrong part.")));

        Assert.Equal(["c2"], (await Store.GetPendingApprovalsAsync(AgentId, 10)).Select(d => d.Case.CaseId));
        var pending = Assert.Single(await Store.GetUndeliveredActionsAsync(AgentId, 10));
        Assert.Equal("c1", pending.CaseId);
        Assert.Equal(AgentId, pending.AgentId);
        Assert.Equal("scrap", pending.Action.Name);
        Assert.Equal(approvedAt, pending.CommittedAt);
    }

    [Fact]
    public async Task AppendApprovalAsync_rejection_commits_nothing()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.PendingApproval)]);

        Assert.True(await Store.AppendApprovalAsync(new Approval("c1", "anna", Verdict.Rejected, T0.AddMinutes(5), "Part is fine.", "pass")));

        Assert.Empty(await Store.GetUndeliveredActionsAsync(AgentId, 10));
        Assert.Empty(await Store.GetPendingApprovalsAsync(AgentId, 10));
        Assert.Empty(await Store.GetCommitTimesAsync(AgentId, "scrap", T0));
    }

    [Fact]
    public async Task AppendApprovalAsync_on_a_case_not_pending_approval_throws_InvalidOperationException()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c-auto", T0, Disposition.Committed)]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.AppendApprovalAsync(new Approval("c-auto", "anna", Verdict.Approved, T0.AddMinutes(1))));

        Assert.Contains("c-auto", error.Message, StringComparison.Ordinal);
        Assert.Single(await Store.GetUndeliveredActionsAsync(AgentId, 10));
    }

    [Fact]
    public async Task AppendApprovalAsync_on_an_unknown_case_throws_KeyNotFoundException()
    {
        await CreateAgentAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(
            () => Store.AppendApprovalAsync(new Approval("c-none", "anna", Verdict.Approved, T0)));

        Assert.Contains("c-none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendApprovalAsync_rejection_without_a_reason_is_refused()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.PendingApproval)]);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendApprovalAsync(new Approval("c1", "anna", Verdict.Rejected, T0)));

        Assert.Single(await Store.GetPendingApprovalsAsync(AgentId, 10));
    }

    [Fact]
    public async Task GetPendingApprovalsAsync_returns_the_oldest_first_up_to_the_limit()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync(
        [
            Decision("c3", T0.AddMinutes(3), Disposition.PendingApproval),
            Decision("c1", T0.AddMinutes(1), Disposition.PendingApproval),
            Decision("c2", T0.AddMinutes(2), Disposition.PendingApproval),
            Decision("c0", T0, Disposition.Committed),
        ]);

        var pending = await Store.GetPendingApprovalsAsync(AgentId, 2);

        Assert.Equal(["c1", "c2"], pending.Select(d => d.Case.CaseId));
    }
}
