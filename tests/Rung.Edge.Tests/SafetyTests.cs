using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Edge.Safety;
using Rung.Storage.Edge;
using Rung.Testing;

namespace Rung.Edge.Tests;

public sealed class SafetyTests
{
    private static StopEvent Stop(string scope, bool stopped, string reason = "line stop drill") =>
        new(0, scope, stopped, new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), "owner", reason, "local");

    [Fact]
    public async Task A_stop_on_the_line_halts_every_write_and_an_explicit_restart_resumes_them()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        f.Stops.Apply([await f.Edge.AppendStopAsync(Stop("acme/dortmund/machining/line3", true))]);
        var stopped = await agent.Runtime.DecideAsync([EdgeFixture.Case("s1"), EdgeFixture.Case("s2", 1)]);
        Assert.All(stopped, d => Assert.NotEqual(Disposition.Committed, d.Record.Decision.Disposition));
        Assert.All(stopped, d => Assert.Contains("stopped by owner", d.Record.Decision.Reasons[0], StringComparison.Ordinal));
        Assert.Empty(f.Connector.Delivered);
        Assert.Equal(2, agent.Model.Stopped);

        f.Stops.Apply([await f.Edge.AppendStopAsync(Stop("acme/dortmund/machining/line3", false, "drill over, checked by shift lead"))]);
        var resumed = await agent.Runtime.DecideAsync([EdgeFixture.Case("s3")]);
        Assert.Equal(Disposition.Committed, resumed[0].Record.Decision.Disposition);
        Assert.Single(f.Connector.Delivered);
        var history = await f.Edge.GetStopsAsync(0);
        Assert.Equal([true, false], history.Select(h => h.Stopped));
    }

    [Fact]
    public void A_stop_covers_only_its_own_line_by_whole_segments()
    {
        var stops = new StopSwitch();
        stops.Apply([Stop("acme/dortmund/machining/line3", true)]);
        Assert.NotNull(stops.StoppedBy("a", "acme/dortmund/machining/line3/cell2"));
        Assert.Null(stops.StoppedBy("a", "acme/dortmund/machining/line30/cell2"));
        stops.Apply([Stop("agent:b", true)]);
        Assert.NotNull(stops.StoppedBy("b", "elsewhere/line1"));
    }

    [Fact]
    public async Task An_action_past_its_validity_window_becomes_an_exception_item_and_never_fires()
    {
        var clock = new ManualTimeProvider();
        await using var f = new EdgeFixture { Clock = clock };
        await f.OpenAsync();
        var brokerUp = false;
        var agent = await f.StartAsync(Stage.ProductionOwned, options: new EdgeOptions { ActionValidity = TimeSpan.FromSeconds(30) }, ready: () => brokerUp);
        var deciding = agent.Runtime.DecideAsync([EdgeFixture.Case("v1")]);
        while (!deciding.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        await deciding;
        Assert.Empty(f.Connector.Delivered);
        Assert.Equal(1, agent.Actions.Expired);
        var open = await f.Edge.GetOpenExceptionsAsync("line3-quality", 10);
        Assert.Contains("expired", Assert.Single(open).Reason, StringComparison.Ordinal);
        Assert.Empty(await f.Edge.GetUndeliveredActionsAsync("line3-quality", 10));
        var entry = Assert.Single(await f.Edge.ReadJournalAsync(0, 10));
        Assert.NotNull(entry.ActionException);
        Assert.Null(entry.Record.Exception);
    }

    [Fact]
    public async Task A_hung_model_gets_the_safe_default_when_the_watchdog_budget_runs_out()
    {
        await using var f = new EdgeFixture { Clock = TimeProvider.System };
        await f.OpenAsync();
        var agent = await f.StartAsync(Stage.ProductionOwned, new EdgeFixture.HungModel(), options: new EdgeOptions { ModelBudget = TimeSpan.FromMilliseconds(50) });
        var decided = await agent.Runtime.DecideAsync([EdgeFixture.Case("h1")]).WaitAsync(TimeSpan.FromMinutes(1));
        var record = decided[0].Record;
        Assert.Equal("hold_for_inspection", record.Proposal.Action.Name);
        Assert.NotEqual(Disposition.Committed, record.Decision.Disposition);
        Assert.Contains("watchdog", record.Decision.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(1, agent.Model.Timeouts);
        Assert.Empty(f.Connector.Delivered);
    }

    [Fact]
    public async Task A_model_output_aimed_at_a_safety_target_never_reaches_the_connector_on_the_edge()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        var decided = await agent.Runtime.DecideAsync([EdgeFixture.Case("g1", 2, target: 1)]);
        Assert.Equal(Disposition.Blocked, decided[0].Record.Decision.Disposition);
        Assert.Empty(f.Connector.Delivered);
    }
}
