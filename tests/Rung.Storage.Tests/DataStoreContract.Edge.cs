using Rung.Core.Policy;
using Rung.Storage.Audit;
using Rung.Storage.Edge;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class DataStoreContract
{
    [Fact]
    public async Task The_journal_reads_in_order_with_delivery_and_backlog()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        Assert.Equal(0, await Store.GetJournalHeadAsync());
        Assert.Equal((0, (DateTimeOffset?)null), await Store.GetJournalBacklogAsync(0));
        await Store.AppendDecisionsAsync(
        [
            Decision("c1", T0, Disposition.Committed),
            Decision("c2", T0.AddMinutes(1), Disposition.Excepted),
            Decision("c3", T0.AddMinutes(2), Disposition.Committed),
        ]);
        await Store.MarkActionsDeliveredAsync(["c1"], T0.AddMinutes(5));

        var journal = await Store.ReadJournalAsync(0, 10);
        Assert.Equal(["c1", "c2", "c3"], journal.Select(e => e.Record.Case.CaseId));
        Assert.True(journal[0].Sequence < journal[1].Sequence && journal[1].Sequence < journal[2].Sequence);
        Assert.Equal(T0.AddMinutes(5), journal[0].DeliveredAt);
        Assert.Null(journal[2].DeliveredAt);
        Assert.NotNull(journal[1].Record.Exception);
        Assert.Null(journal[1].ActionException);
        Assert.Equal(journal[2].Sequence, await Store.GetJournalHeadAsync());

        var rest = await Store.ReadJournalAsync(journal[0].Sequence, 1);
        Assert.Equal("c2", Assert.Single(rest).Record.Case.CaseId);
        var (count, oldest) = await Store.GetJournalBacklogAsync(journal[0].Sequence);
        Assert.Equal(2, count);
        Assert.Equal(journal[1].Record.DecidedAt, oldest);
    }

    [Fact]
    public async Task The_forwarding_cursor_never_moves_back()
    {
        Assert.Equal(0, await Store.GetForwardedAsync("central"));
        await Store.SetForwardedAsync("central", 40, T0);
        await Store.SetForwardedAsync("central", 25, T0.AddMinutes(1));
        await Store.SetForwardedAsync("backup", 7, T0);

        var other = await OpenAnotherAsync();
        Assert.Equal(40, await other.GetForwardedAsync("central"));
        Assert.Equal(7, await other.GetForwardedAsync("backup"));
        await other.SetForwardedAsync("central", 41, T0.AddMinutes(2));
        Assert.Equal(41, await Store.GetForwardedAsync("central"));
    }

    [Fact]
    public async Task An_undelivered_action_becomes_one_exception_item_and_shows_in_the_journal()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.Committed)]);

        Assert.True(await Store.AddActionExceptionAsync("c1", AgentId, "action expired", T0.AddMinutes(1), T0.AddHours(4)));
        Assert.False(await Store.AddActionExceptionAsync("c1", AgentId, "action expired again", T0.AddMinutes(2), T0.AddHours(5)));
        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AddActionExceptionAsync("nope", AgentId, "action expired", T0, T0.AddHours(4)));
        Assert.Contains("nope", missing.Message, StringComparison.Ordinal);

        var open = Assert.Single(await Store.GetOpenExceptionsAsync(AgentId, 10));
        Assert.Equal(("c1", "action expired"), (open.CaseId, open.Reason));
        var entry = Assert.Single(await Store.ReadJournalAsync(0, 10));
        Assert.Null(entry.Record.Exception);
        Assert.Equal("action expired", entry.ActionException?.Reason);
    }

    [Fact]
    public async Task Edge_health_is_replaced_by_each_heartbeat()
    {
        var first = new EdgeHealth("edge-b", "acme/plant1", T0, 12, TimeSpan.FromSeconds(30), "v1", TimeSpan.FromMilliseconds(-40), false);
        await Store.SaveEdgeHealthAsync(first);
        await Store.SaveEdgeHealthAsync(new EdgeHealth("edge-a", "acme/plant2", T0, 0, TimeSpan.Zero, "v2", TimeSpan.Zero, true));
        var second = first with { LastHeartbeat = T0.AddMinutes(1), BufferDepth = 3, Stopped = true };
        await (await OpenAnotherAsync()).SaveEdgeHealthAsync(second);

        var health = await Store.GetEdgeHealthAsync();
        Assert.Equal(["edge-a", "edge-b"], health.Select(h => h.EdgeId));
        Assert.Equal(second, health[1]);
        Assert.True(health[0].Stopped);
    }

    [Fact]
    public async Task A_stop_switch_is_audited_with_it_and_a_mirrored_one_is_stored_once()
    {
        var stop = await Store.AppendStopAsync(new StopEvent(0, "acme/plant1/line3", true, T0, "anna", "Gearbox noise", "server"));
        var restart = await Store.AppendStopAsync(new StopEvent(0, "acme/plant1/line3", false, T0.AddMinutes(5), "anna", "Gearbox checked", "server"));
        var mirrored = await Store.AppendStopAsync(new StopEvent(0, "agent:x", true, T0, "bob", "From the server", "server", RemoteId: 17));
        var again = await (await OpenAnotherAsync()).AppendStopAsync(mirrored with { Id = 0 });

        Assert.True(stop.Id > 0 && restart.Id > stop.Id);
        Assert.Equal(mirrored.Id, again.Id);
        Assert.Equal(17, await Store.GetLastRemoteStopAsync());
        var stops = await Store.GetStopsAsync(0);
        Assert.Equal([stop, restart, mirrored], stops);
        Assert.Equal([restart, mirrored], await Store.GetStopsAsync(stop.Id));

        var audit = await Store.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch"));
        Assert.Equal(["stop", "restart", "stop"], audit.Select(a => a.Action));
        Assert.Equal("Gearbox noise (server)", audit[0].Reason);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendStopAsync(new StopEvent(0, "agent:x", true, T0, "bob", " ", "server")));
    }

    [Fact]
    public async Task Each_publication_of_an_edge_configuration_is_a_new_version()
    {
        Assert.Equal(1, await Store.PublishEdgeConfigAsync("b-agent", "acme/plant1", "id: b", T0, "anna"));
        Assert.Equal(1, await Store.PublishEdgeConfigAsync("a-agent", "acme/plant2", "id: a", T0, "anna"));
        Assert.Equal(2, await (await OpenAnotherAsync()).PublishEdgeConfigAsync("b-agent", "acme/plant1/line3", "id: b2", T0.AddHours(1), "bob"));

        var configs = await Store.GetEdgeConfigsAsync();
        Assert.Equal(["a-agent", "b-agent"], configs.Select(c => c.AgentId));
        Assert.Equal(new EdgeConfigRecord("b-agent", "acme/plant1/line3", 2, "id: b2", T0.AddHours(1), "bob"), configs[1]);
    }
}
