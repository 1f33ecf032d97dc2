using Rung.Core.Approvals;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Journal;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    private static DateTimeOffset Day(double days) => T0.AddDays(days);

    [Fact]
    public async Task GetPeriodStatsAsync_counts_a_hand_built_journal_exactly()
    {
        await BuildStatsJournalAsync();

        // Two full weeks and a partial third one, cut at day 17.
        var stats = await Store.GetPeriodStatsAsync(AgentId, T0, TimeSpan.FromDays(7), Day(17));

        Assert.Equal(3, stats.Count);
        Assert.Equal(
            new PeriodStats(T0, Cases: 5, Committed: 0, PendingApproval: 2, Excepted: 0, Blocked: 1, Labelled: 3, Correct: 2,
                HighSeverityErrors: 0, Approvals: 1, Approved: 1, ExceptionsResolved: 0, TimeSpan.Zero, TimeSpan.Zero, SlaBreaches: 0, Stage.ApproveEach),
            stats[0]);
        Assert.Equal(
            new PeriodStats(Day(7), Cases: 6, Committed: 2, PendingApproval: 0, Excepted: 4, Blocked: 0, Labelled: 3, Correct: 1,
                HighSeverityErrors: 2, Approvals: 1, Approved: 0, ExceptionsResolved: 2, TimeSpan.FromHours(6), TimeSpan.FromHours(10), SlaBreaches: 2, Stage.AutoWithExceptions),
            stats[1]);
        Assert.Equal(
            new PeriodStats(Day(14), Cases: 1, Committed: 1, PendingApproval: 0, Excepted: 0, Blocked: 0, Labelled: 1, Correct: 1,
                HighSeverityErrors: 0, Approvals: 0, Approved: 0, ExceptionsResolved: 1, TimeSpan.FromDays(2), TimeSpan.FromDays(2), SlaBreaches: 2, Stage.ApproveEach),
            stats[2]);
    }

    [Fact]
    public async Task GetPeriodStatsAsync_before_the_agent_existed_reports_its_initial_stage_and_no_counts()
    {
        await BuildStatsJournalAsync();

        var stats = await Store.GetPeriodStatsAsync(AgentId, Day(-30), TimeSpan.FromDays(7), Day(-16));

        Assert.Equal([Day(-30), Day(-23)], stats.Select(s => s.Start));
        Assert.All(stats, s => Assert.Equal(new PeriodStats(s.Start, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, 0, Stage.Shadow), s));
        Assert.Empty(await Store.GetPeriodStatsAsync(AgentId, T0, TimeSpan.FromDays(7), T0));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.GetPeriodStatsAsync("ghost", T0, TimeSpan.FromDays(7), Day(7)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetPeriodStatsAsync(AgentId, T0, TimeSpan.Zero, Day(7)));
    }

    /// <summary>
    /// Week 0: Shadow until day 3, then ApproveEach. Week 1 starts with the promotion to AutoWithExceptions
    /// exactly on its first instant. Week 2 (cut at day 17) has a demotion back to ApproveEach on day 15.
    /// </summary>
    private async Task BuildStatsJournalAsync()
    {
        await CreateAgentAsync(stage: Stage.Shadow, at: Day(-1));
        await CreateAgentAsync("oven-1", at: Day(-1));
        await Store.AppendStageChangeAsync(Change(Stage.Shadow, Stage.ApproveEach, Day(3)));
        await Store.AppendStageChangeAsync(Change(Stage.ApproveEach, Stage.AutoWithExceptions, Day(7)));
        await Store.AppendStageChangeAsync(Change(Stage.AutoWithExceptions, Stage.ApproveEach, Day(15), StageChangeKind.Demotion));

        await Store.AppendDecisionsAsync(
        [
            Decision("before", T0.AddHours(-1)),
            Decision("c1", Day(0).AddHours(1)),
            Decision("c2", Day(0).AddHours(2)),
            Decision("c3", Day(3).AddHours(1), Disposition.PendingApproval),
            Decision("c4", Day(4), Disposition.PendingApproval),
            Decision("c5", Day(5), Disposition.Blocked),
            Decision("o1", Day(5), Disposition.Excepted, agentId: "oven-1"),
            Decision("c6", Day(8), Disposition.Committed),
            Decision("c7", Day(9), Disposition.Committed),
            Decision("c8", Day(9).AddHours(1), Disposition.Excepted, dueAfter: TimeSpan.FromHours(4)),
            Decision("c9", Day(10), Disposition.Excepted, dueAfter: TimeSpan.FromHours(4)),
            Decision("c10", Day(13), Disposition.Excepted, dueAfter: TimeSpan.FromHours(4)),
            Decision("c11", Day(13).AddHours(20), Disposition.Excepted, dueAfter: TimeSpan.FromHours(6)),
            Decision("c12", Day(15), Disposition.Committed),
            Decision("at-until", Day(17)),
        ]);

        await Store.AppendApprovalAsync(new Approval("c3", "anna", Verdict.Approved, Day(3).AddHours(2)));
        await Store.AppendApprovalAsync(new Approval("c4", "anna", Verdict.Rejected, Day(7).AddHours(1), "Part is fine."));

        // On time (2 h), late (10 h), and late in the next week (2 days); c11 and o1 stay open.
        await Store.ResolveExceptionAsync("c8", "anna", "scrap", Day(9).AddHours(3));
        await Store.ResolveExceptionAsync("c9", "anna", "scrap", Day(10).AddHours(10));
        await Store.ResolveExceptionAsync("c10", "anna", "scrap", Day(15));

        await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.HumanAction, Day(1), correct: true));
        await Store.AppendOutcomeAsync(Outcome("c1", OutcomeSource.QualityResult, Day(8), correct: false, Severity.High));
        await Store.AppendOutcomeAsync(Outcome("c2", OutcomeSource.HumanAction, Day(2), correct: false));
        await Store.AppendOutcomeAsync(Outcome("c3", OutcomeSource.ApproverVerdict, Day(3).AddHours(2), correct: true));
        await Store.AppendOutcomeAsync(Outcome("c4", OutcomeSource.ApproverVerdict, Day(7).AddHours(1), correct: false, Severity.High));
        await Store.AppendOutcomeAsync(Outcome("c6", OutcomeSource.QualityResult, Day(8).AddHours(1), correct: true));
        await Store.AppendOutcomeAsync(Outcome("c7", OutcomeSource.QualityResult, Day(9).AddHours(1), correct: false, Severity.High));
        await Store.AppendOutcomeAsync(Outcome("c12", OutcomeSource.QualityResult, Day(16), correct: true));
        await Store.AppendOutcomeAsync(Outcome("o1", OutcomeSource.QualityResult, Day(6), correct: false, Severity.High));
    }
}
