using Rung.Core.Policy;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

// The trend's decision counts and the latest decision read the covering index of schema 0018: the same answers as a
// read of the table, at the window's edges and on ties.
public abstract partial class RungStoreContract
{
    [Fact]
    public async Task GetPeriodStatsAsync_counts_a_case_at_a_period_start_in_that_period_and_none_at_or_after_until()
    {
        await CreateAgentAsync();
        await CreateAgentAsync("line4-quality");
        var origin = T0.AddDays(10);
        var until = origin.AddDays(3).AddHours(12);
        await Store.AppendDecisionsAsync([
            Decision("before-origin", origin.AddTicks(-1), Disposition.Committed),
            Decision("at-origin", origin, Disposition.Committed),
            Decision("tie-1", origin.AddHours(6), Disposition.PendingApproval),
            Decision("tie-2", origin.AddHours(6), Disposition.Excepted),
            Decision("tie-3", origin.AddHours(6), Disposition.Blocked),
            Decision("end-of-day-0", origin.AddDays(1).AddTicks(-1)),
            Decision("start-of-day-1", origin.AddDays(1), Disposition.Committed),
            Decision("other-agent", origin.AddDays(1), Disposition.Committed, agentId: "line4-quality"),
            Decision("last-in", until.AddTicks(-1), Disposition.Excepted),
            Decision("at-until", until, Disposition.Committed),
        ]);

        var stats = await Store.GetPeriodStatsAsync(AgentId, origin, TimeSpan.FromDays(1), until);

        // Day 2 holds no case; day 3 is cut at until.
        Assert.Equal([origin, origin.AddDays(1), origin.AddDays(2), origin.AddDays(3)], stats.Select(s => s.Start));
        Assert.Equal([5, 1, 0, 1], stats.Select(s => s.Cases));
        Assert.Equal([1, 1, 0, 0], stats.Select(s => s.Committed));
        Assert.Equal([1, 0, 0, 0], stats.Select(s => s.PendingApproval));
        Assert.Equal([1, 0, 0, 1], stats.Select(s => s.Excepted));
        Assert.Equal([1, 0, 0, 0], stats.Select(s => s.Blocked));
    }

    [Fact]
    public async Task GetPeriodStatsAsync_of_a_window_without_cases_has_every_period_at_zero()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("old", T0, Disposition.Committed), Decision("new", T0.AddDays(9), Disposition.Committed)]);

        var stats = await Store.GetPeriodStatsAsync(AgentId, T0.AddTicks(1), TimeSpan.FromDays(3), T0.AddDays(9));

        Assert.Equal(3, stats.Count);
        Assert.All(stats, s => Assert.Equal((0, 0, 0, 0, 0), (s.Cases, s.Committed, s.PendingApproval, s.Excepted, s.Blocked)));
    }

    [Fact]
    public async Task GetLatestDecisionAsync_on_a_tie_in_source_time_returns_the_case_appended_last()
    {
        await CreateAgentAsync();
        await CreateAgentAsync("line4-quality");
        await Store.AppendDecisionsAsync([Decision("tie-first", T0.AddHours(2)), Decision("tie-second", T0.AddHours(2), Disposition.Committed)]);
        await Store.AppendDecisionsAsync([Decision("earlier", T0.AddHours(1)), Decision("other-agent", T0.AddHours(3), agentId: "line4-quality")]);

        var latest = await Store.GetLatestDecisionAsync(AgentId);

        Assert.Equal("tie-second", latest!.Case.CaseId);
        Assert.Equal(Disposition.Committed, latest.Decision.Disposition);
        Assert.Equal("other-agent", (await Store.GetLatestDecisionAsync("line4-quality"))!.Case.CaseId);
    }
}
