using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Edge.Alarms;
using Rung.Edge.Forwarding;
using Rung.Edge.Hosting;
using Rung.Edge.Models;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Edge.Tests.Models;
using Rung.Registry.Signing;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage.Audit;
using Rung.Storage.Edge;
using Rung.Testing;

namespace Rung.Edge.Tests.Alarms;

/// <summary>An alarm rule listed in <c>monitoring.stop_on</c> halts the agent on the edge at once, with the server away.</summary>
public sealed class EdgeAlarmStopTests
{
    private const string StopOnWatchdog = "  monitoring: { stop_on: [edge.watchdog] }";

    /// <summary>Reads requests and never answers, as a hung model process does.</summary>
    private const string HungScript = """
        import sys
        for line in sys.stdin:
            pass
        """;

    [Fact]
    public async Task HungModel_StopOnWatchdog_ServerAway_StopsTheAgent_LaterCasesAreExceptionItems_NothingDelivered()
    {
        using var dir = new TempDirectory();
        await using var f = new EdgeFixture { Clock = TimeProvider.System };
        await f.OpenAsync();
        f.Link.Down = true;
        using var serverKey = SigningKey.LoadOrCreate(dir.File("server-keys"));
        using var pinned = SigningKey.FromPublicPem(serverKey.PublicKeyPem, "test");
        var cache = new EdgeModelCache(dir.File("edge"));
        var kit = new SignedModelKit(dir.File("server-models"), serverKey);
        await kit.PublishAsync("v1", HungScript);
        Assert.True((await cache.FetchAsync(kit, kit.Offer("v1"), pinned)).Passed);

        var useCase = EdgeFixture.UseCase(Stage.ProductionOwned, StopOnWatchdog);
        var feed = new EdgeStopFeed(f.Edge, f.Link, f.Stops, f.Clock);
        var alarmStops = new EdgeAlarmStops(f.Edge, feed, f.Stops);
        alarmStops.Follow(useCase);
        var lines = new List<string>();
        var alarms = new EdgeAlarms(f.Edge, f.Clock, lines.Add, alarmStops);
        var host = await EdgeModelHost.OpenAsync(SignedModelKit.AgentId, cache, pinned, alarms, 1, f.Clock);
        await using var agent = await EdgeAgent.StartAsync(useCase, f.Edge, host!, f.Connector, f.Stops, null, new EdgeOptions { ModelBudget = TimeSpan.FromMilliseconds(300) }, f.Clock);

        var first = await agent.Runtime.DecideAsync([EdgeFixture.Case("h1")]).WaitAsync(TimeSpan.FromMinutes(1));
        await feed.PollOnceAsync();
        var later = await agent.Runtime.DecideAsync([EdgeFixture.Case("h2"), EdgeFixture.Case("h3", 1)]).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotNull(feed.LastError);
        Assert.Contains("watchdog", first[0].Record.Decision.Reasons[0], StringComparison.Ordinal);
        var stop = Assert.Single(await f.Edge.GetStopsAsync(0));
        Assert.Equal(("agent:line3-quality", true, "alarm:edge.watchdog", "alarm"), (stop.Scope, stop.Stopped, stop.Actor, stop.Origin));
        var alarm = Assert.Single(await f.Edge.GetPendingEdgeAlarmsAsync(10));
        Assert.Equal(EdgeAlarmRules.Watchdog, alarm.Rule);
        Assert.Contains(alarm.Id, stop.Reason, StringComparison.Ordinal);
        Assert.Contains(alarm.Title, stop.Reason, StringComparison.Ordinal);
        Assert.Contains($"journal stop {stop.Id}", alarm.Evidence[EdgeAlarms.StopKey], StringComparison.Ordinal);
        Assert.Equal(stop.Reason, f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope)?.Reason);

        Assert.All(later, d => Assert.Equal(Disposition.Excepted, d.Record.Decision.Disposition));
        Assert.All(later, d => Assert.Contains("stopped by alarm:edge.watchdog", d.Record.Decision.Reasons[0], StringComparison.Ordinal));
        Assert.Equal(2, agent.Model.Stopped);
        Assert.Empty(f.Connector.Delivered);
        Assert.Empty(await f.Edge.GetUndeliveredActionsAsync(SignedModelKit.AgentId, 10));
        Assert.Equal(3, (await f.Edge.GetOpenExceptionsAsync(SignedModelKit.AgentId, 10)).Count);
        Assert.Contains(lines, l => l.StartsWith("STOP agent:line3-quality by alarm:edge.watchdog", StringComparison.Ordinal));
        var trail = await f.Edge.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch"));
        Assert.Equal("alarm:edge.watchdog", Assert.Single(trail).Actor);
    }

    [Fact]
    public async Task UnlistedRule_StopsNothing_AndARepeatWhileStoppedAddsNoSecondStop()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var feed = new EdgeStopFeed(f.Edge, null, f.Stops, f.Clock);
        var alarmStops = new EdgeAlarmStops(f.Edge, feed, f.Stops);
        alarmStops.Follow(EdgeFixture.UseCase(Stage.ProductionOwned, StopOnWatchdog));
        var alarms = new EdgeAlarms(f.Edge, f.Clock, null, alarmStops);

        await RaiseAsync(alarms, EdgeAlarmRules.Buffer);
        Assert.Empty(await f.Edge.GetStopsAsync(0));
        Assert.Null(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));

        await RaiseAsync(alarms, EdgeAlarmRules.Watchdog);
        await RaiseAsync(alarms, EdgeAlarmRules.Watchdog);
        Assert.Single(await f.Edge.GetStopsAsync(0));
        Assert.NotNull(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));

        // After a recorded restart, a new alarm of the rule stops the agent again.
        await f.Edge.AppendStopAsync(new StopEvent(0, "agent:line3-quality", false, f.Clock.GetUtcNow(), "line3.lead", "model fixed, checked on the line", "local"));
        await feed.PollOnceAsync();
        Assert.Null(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));
        await RaiseAsync(alarms, EdgeAlarmRules.Watchdog);
        Assert.Equal([true, false, true], (await f.Edge.GetStopsAsync(0)).Select(s => s.Stopped));
        Assert.NotNull(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));
    }

    [Fact]
    public async Task EdgeAlarmStop_ReachesTheServersAuditTrail_AndItsReflectionDoesNotUndoALocalRestart()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        using var dir = new TempDirectory();
        var useCase = EdgeFixture.UseCase(Stage.ProductionOwned, StopOnWatchdog);
        var feed = new EdgeStopFeed(f.Edge, f.Link, f.Stops, f.Clock);
        var alarmStops = new EdgeAlarmStops(f.Edge, feed, f.Stops);
        alarmStops.Follow(useCase);
        var alarms = new EdgeAlarms(f.Edge, f.Clock, null, alarmStops);
        var raised = await RaiseAsync(alarms, EdgeAlarmRules.Watchdog);

        // The person at the line restarts locally while the server is still away.
        await f.Edge.AppendStopAsync(new StopEvent(0, "agent:line3-quality", false, f.Clock.GetUtcNow(), "line3.lead", "model process restarted by hand", "local"));
        await feed.ApplyJournalAsync();
        Assert.Null(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));

        // The server comes back: the alarm is forwarded twice (a lost answer), the server stops the agent once, audited.
        await EdgeIngest.EnsureAgentAsync(f.Server, new EdgeConfigRecord("line3-quality", EdgeFixture.Scope, 1, "", f.Clock.GetUtcNow(), "test"), Stage.ProductionOwned, f.Clock.GetUtcNow());
        var center = new AlarmCenter(useCase, f.Server, new Notifier([new FileChannel(dir.File("pages.jsonl"))]), f.Clock);
        var sink = new IngestSink(f.Server, center) { LoseAnswers = 1 };
        var forwarder = new EdgeAlarmForwarder(f.Edge, sink, "line3-edge", f.Clock);
        await Assert.ThrowsAsync<EdgeServerException>(() => forwarder.FlushAsync());
        Assert.Equal(1, await forwarder.FlushAsync());

        var serverStop = Assert.Single(await f.Server.GetStopsAsync(0));
        Assert.Equal(("agent:line3-quality", "alarm:edge.watchdog", "alarm"), (serverStop.Scope, serverStop.Actor, serverStop.Origin));
        Assert.Contains($"edge alarm {raised.Id}", serverStop.Reason, StringComparison.Ordinal);
        var serverAlarm = Assert.Single(await f.Server.GetAlarmsAsync(SignedModelKit.AgentId, activeOnly: false, 10));
        Assert.Contains(serverAlarm.Id, serverStop.Reason, StringComparison.Ordinal);
        var serverTrail = await f.Server.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch"));
        Assert.Equal(("alarm:edge.watchdog", "stop"), (Assert.Single(serverTrail).Actor, serverTrail[0].Action));

        // Mirrored, not applied again: the local restart stands, also for a feed started afresh on the same journal.
        await feed.PollOnceAsync();
        Assert.Null(feed.LastError);
        Assert.Equal(1, feed.Reflections);
        Assert.Null(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));
        Assert.Equal([true, false, true], (await f.Edge.GetStopsAsync(0)).Select(s => s.Stopped));
        var restarted = new StopSwitch();
        await new EdgeStopFeed(f.Edge, f.Link, restarted, f.Clock).PollOnceAsync();
        Assert.Null(restarted.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));

        // A server-side restart is the recorded way to clear it there, and reaches the edge like any restart.
        await f.Server.AppendStopAsync(new StopEvent(0, "agent:line3-quality", false, f.Clock.GetUtcNow(), "line3.lead", "watchdog cause fixed", "server"));
        await feed.PollOnceAsync();
        Assert.Equal(false, f.Stops.InForce("agent:line3-quality")?.Stopped);
    }

    [Fact]
    public async Task ServerStopForAnAlarmTheEdgeNeverStoppedOn_IsApplied()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var feed = new EdgeStopFeed(f.Edge, f.Link, f.Stops, f.Clock);
        await f.Server.AppendStopAsync(new StopEvent(0, "agent:line3-quality", true, f.Clock.GetUtcNow(), "alarm:edge.watchdog", "alarm A1 (edge alarm 0123abcd) edge.watchdog: Edge line3-edge: model hung", "alarm"));

        await feed.PollOnceAsync();

        Assert.Equal(0, feed.Reflections);
        Assert.NotNull(f.Stops.StoppedBy(SignedModelKit.AgentId, EdgeFixture.Scope));
    }

    [Fact]
    public void StopOnRules_KnowEveryRuleTheEdgeAndTheModelHostRaise()
    {
        string[] raised = [EdgeAlarmRules.Watchdog, EdgeAlarmRules.ModelIntegrity, EdgeAlarmRules.ModelReplaced, EdgeAlarmRules.Buffer, Runtime.Models.VerifiedModelHost.IntegrityRule, Runtime.Models.VerifiedModelHost.ProbationRule, .. AlarmRules.All];
        Assert.All(raised, rule => Assert.True(UseCases.StopOnRules.IsKnown(rule), rule));
        Assert.True(UseCases.StopOnRules.IsKnown("edge.*"));
        Assert.False(UseCases.StopOnRules.IsKnown("edge.watchdogs"));
    }

    private static Task<EdgeAlarmRecord> RaiseAsync(EdgeAlarms alarms, string rule) =>
        alarms.RaiseAsync(SignedModelKit.AgentId, rule, "v1", AlarmSeverity.Critical, $"Model v1 failed ({rule})", new Dictionary<string, string>());

    private sealed class IngestSink(Storage.Sqlite.SqliteRungStore server, AlarmCenter center) : IEdgeAlarmSink
    {
        public int LoseAnswers { get; set; }

        public async Task<int> SendAlarmsAsync(string edgeId, IReadOnlyList<EdgeAlarmRecord> alarms, CancellationToken cancellationToken = default)
        {
            var raised = await EdgeAlarmIngest.ApplyAsync(server, center, edgeId, alarms, cancellationToken);
            if (LoseAnswers > 0)
            {
                LoseAnswers--;
                throw new EdgeServerException("answer lost");
            }

            return raised;
        }
    }
}
