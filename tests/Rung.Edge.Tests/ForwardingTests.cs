using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Edge.Forwarding;
using Rung.Edge.Protocol;
using Rung.Storage.Journal;

namespace Rung.Edge.Tests;

public sealed class ForwardingTests
{
    [Fact]
    public async Task Every_case_reaches_the_server_once_when_answers_are_lost_and_batches_resent()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var options = new EdgeOptions { EdgeId = "line3", BatchSize = 7 };
        var agent = await f.StartAsync(Stage.AutoWithExceptions);
        await agent.Runtime.DecideAsync([.. Enumerable.Range(0, 30).Select(i => EdgeFixture.Case($"c{i:00}", i % 2))]);
        var forwarder = new EdgeForwarder(f.Edge, f.Link, options, f.Clock);
        f.Link.LoseAnswers = 2;
        var errors = 0;
        while (await forwarder.RefreshAsync() > 0)
        {
            try
            {
                await forwarder.ForwardOnceAsync();
            }
            catch (EdgeServerException)
            {
                errors++;
            }
        }

        Assert.Equal(2, errors);
        Assert.Equal(30, await f.Server.CountDecisionsAsync("line3-quality"));
        for (var i = 0; i < 30; i++)
        {
            var copy = await f.Server.GetDecisionAsync($"c{i:00}");
            var original = await f.Edge.GetDecisionAsync($"c{i:00}");
            Assert.NotNull(copy);
            Assert.Equal(original!.Proposal.Action, copy.Proposal.Action);
            Assert.Equal(original.Decision.Disposition, copy.Decision.Disposition);
            Assert.Equal(original.Case.Features.Values, copy.Case.Features.Values);
        }

        // The edge delivered the committed actions; the server's copy must not fire them again.
        Assert.Empty(await f.Server.GetUndeliveredActionsAsync("line3-quality", 100));
    }

    [Fact]
    public async Task A_killed_edge_recovers_its_journal_and_a_resent_input_is_not_decided_twice()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var agent = await f.StartAsync(Stage.AutoWithExceptions);
        await agent.Runtime.DecideAsync([.. Enumerable.Range(0, 10).Select(i => EdgeFixture.Case($"k{i}"))]);
        var forwarder = new EdgeForwarder(f.Edge, f.Link, new EdgeOptions { BatchSize = 4 }, f.Clock);
        await forwarder.ForwardOnceAsync();

        // The process dies here; the broker redelivers the unacknowledged input after the restart.
        await f.ReopenEdgeAsync();
        agent = await f.StartAsync(Stage.AutoWithExceptions);
        var again = await agent.Runtime.DecideAsync([.. Enumerable.Range(6, 8).Select(i => EdgeFixture.Case($"k{i}"))]);
        Assert.Equal(4, again.Count(d => d.Result == AppendResult.Duplicate));
        forwarder = new EdgeForwarder(f.Edge, f.Link, new EdgeOptions { BatchSize = 4 }, f.Clock);
        Assert.Equal(10, await forwarder.RefreshAsync());
        while (await forwarder.ForwardOnceAsync() > 0)
        {
        }

        Assert.Equal(14, await f.Server.CountDecisionsAsync("line3-quality"));
        Assert.Equal(14, f.Connector.Delivered.Select(a => a.CaseId).Distinct().Count());
        Assert.Equal(14, f.Connector.Delivered.Count);
    }

    [Fact]
    public async Task The_buffer_alarms_past_its_line_and_holds_new_cases_at_its_budget()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var forwarder = new EdgeForwarder(f.Edge, f.Link, new EdgeOptions { BufferBudget = 5, BufferAlarmAt = 0.6, BatchSize = 10 }, f.Clock);
        var alarms = new List<bool>();
        forwarder.BufferAlarm += (_, on) => alarms.Add(on);
        var agent = await f.StartAsync(Stage.AutoWithExceptions, forwarder: forwarder);
        f.Link.Down = true;
        await agent.Runtime.DecideAsync([.. Enumerable.Range(0, 5).Select(i => EdgeFixture.Case($"b{i}"))]);
        await forwarder.RefreshAsync();
        Assert.Equal([true], alarms);
        var held = agent.Runtime.DecideAsync([EdgeFixture.Case("b5")]);
        await Task.Yield();
        Assert.False(held.IsCompleted);

        f.Link.Down = false;
        await forwarder.ForwardOnceAsync();
        var decided = await held;
        Assert.Equal(AppendResult.Stored, decided[0].Result);
        Assert.Equal([true, false], alarms);
    }

    [Fact]
    public async Task A_refused_batch_names_the_unpublished_agent_and_stores_nothing()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var agent = await f.StartAsync(Stage.Shadow);
        await agent.Runtime.DecideAsync([EdgeFixture.Case("u1")]);
        var entries = await f.Edge.ReadJournalAsync(0, 10);
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => EdgeIngest.ApplyAsync(f.Server, f.Server, entries, (_, _) => Task.FromResult<AgentRecord?>(null)));
        Assert.Contains("line3-quality", error.Message, StringComparison.Ordinal);
        Assert.Null(await f.Server.GetDecisionAsync("u1"));
        Assert.Equal(Disposition.Logged, entries[0].Record.Decision.Disposition);
    }
}
