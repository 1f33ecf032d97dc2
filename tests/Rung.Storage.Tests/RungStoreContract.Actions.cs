using Rung.Core.Approvals;
using Rung.Core.Policy;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task MarkActionDeliveredAsync_marks_once_and_removes_the_action_from_the_undelivered_list()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync(
        [
            Decision("c2", T0.AddMinutes(2), Disposition.Committed),
            Decision("c1", T0.AddMinutes(1), Disposition.Committed),
            Decision("c3", T0.AddMinutes(3), Disposition.Logged),
        ]);
        Assert.Equal(["c1", "c2"], (await Store.GetUndeliveredActionsAsync(AgentId, 10)).Select(a => a.CaseId));

        Assert.True(await Store.MarkActionDeliveredAsync("c1", T0.AddMinutes(4)));
        Assert.False(await Store.MarkActionDeliveredAsync("c1", T0.AddMinutes(5)));

        Assert.Equal(["c2"], (await Store.GetUndeliveredActionsAsync(AgentId, 10)).Select(a => a.CaseId));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.MarkActionDeliveredAsync("c3", T0));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.MarkActionDeliveredAsync("c-none", T0));
    }

    [Fact]
    public async Task Approved_draft_is_undelivered_until_marked()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.PendingApproval)]);
        await Store.AppendApprovalAsync(new Approval("c1", "anna", Verdict.Approved, T0.AddMinutes(10)));

        Assert.True(await Store.MarkActionDeliveredAsync("c1", T0.AddMinutes(11)));

        Assert.Empty(await Store.GetUndeliveredActionsAsync(AgentId, 10));
        Assert.False(await Store.MarkActionDeliveredAsync("c1", T0.AddMinutes(12)));
    }

    [Fact]
    public async Task GetCommitTimesAsync_returns_automatic_commits_and_approvals_of_the_action_since_the_moment()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync(
        [
            Decision("old", T0, Disposition.Committed),
            Decision("auto", T0.AddHours(2), Disposition.Committed),
            Decision("other-action", T0.AddHours(2), Disposition.Committed, action: "rework"),
            Decision("draft", T0.AddHours(1), Disposition.PendingApproval),
            Decision("rejected", T0.AddHours(1), Disposition.PendingApproval),
            Decision("logged", T0.AddHours(2), Disposition.Logged),
        ]);
        await Store.AppendApprovalAsync(new Approval("draft", "anna", Verdict.Approved, T0.AddHours(3)));
        await Store.AppendApprovalAsync(new Approval("rejected", "anna", Verdict.Rejected, T0.AddHours(3), "No."));

        var times = await Store.GetCommitTimesAsync(AgentId, "scrap", T0.AddHours(1));

        var auto = (await Store.GetDecisionAsync("auto"))!.DecidedAt;
        Assert.Equal([auto, T0.AddHours(3)], times);
    }
}
