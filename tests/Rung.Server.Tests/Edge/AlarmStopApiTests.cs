using System.Text.Json.Nodes;
using Rung.Server.Tests.Api;
using Rung.Storage.Audit;

namespace Rung.Server.Tests.Edge;

/// <summary>
/// An edge's forwarded alarm of a rule its agent lists in <c>monitoring.stop_on</c> throws the agent's stop switch on the
/// server, audited, once: a resent batch or a repeat of the open alarm throws nothing, an unlisted rule nothing.
/// </summary>
public sealed class AlarmStopApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Agent = "line3-edge-quality";
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task ForwardedWatchdogAlarm_StopsTheAgentOnce_Audited_AndEdgesReceiveTheStop()
    {
        var at = TimeProvider.System.GetUtcNow();
        await api.Store.PublishEdgeConfigAsync(Agent, ApiFixture.Line3 + "/cell4", ApiFixture.UseCaseYaml(Agent, "AutoWithExceptions", ApiFixture.Line3 + "/cell4", "  monitoring: { stop_on: [edge.watchdog] }"), at, "line3.lead");
        var watchdog = Batch(Alarm("e-0001", "edge.watchdog", "v7", "Model v7 failed 5 calls in a row (Timeout) and no other cached version verifies"));

        var first = await api.CallAsync(Post, "/api/v1/edge/alarms", api.Operator, watchdog);
        var resent = await api.CallAsync(Post, "/api/v1/edge/alarms", api.Operator, watchdog);
        var repeat = await api.CallAsync(Post, "/api/v1/edge/alarms", api.Operator, Batch(Alarm("e-0002", "edge.watchdog", "v7", "Model v7 failed again")));
        var unlisted = await api.CallAsync(Post, "/api/v1/edge/alarms", api.Operator, Batch(Alarm("e-0003", "edge.buffer", "buffer", "Forwarding buffer at 900 of 1000 cases")));

        Assert.Equal([1, 0, 0, 1], new[] { first, resent, repeat, unlisted }.Select(r => (int)r.Body!["raised"]!));
        var stops = (await api.Store.GetStopsAsync(0)).Where(s => s.Scope == "agent:" + Agent).ToList();
        var stop = Assert.Single(stops);
        Assert.Equal((true, "alarm:edge.watchdog", "alarm"), (stop.Stopped, stop.Actor, stop.Origin));
        var alarm = Assert.Single(await api.Store.GetAlarmsAsync(Agent, activeOnly: false, 10), a => a.Rule == "edge.watchdog");
        Assert.Contains(alarm.Id, stop.Reason, StringComparison.Ordinal);
        Assert.Contains("edge alarm e-0001", stop.Reason, StringComparison.Ordinal);
        Assert.Contains("no other cached version verifies", stop.Reason, StringComparison.Ordinal);
        Assert.Contains($"stop switch event {stop.Id}", alarm.Evidence["stop"], StringComparison.Ordinal);

        var trail = (await api.Store.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch"))).Where(e => e.RecordId == "agent:" + Agent).ToList();
        var entry = Assert.Single(trail);
        Assert.Equal(("alarm:edge.watchdog", "stop", "stopped"), (entry.Actor, entry.Action, entry.NewValue));
        Assert.Contains(alarm.Id, entry.Reason, StringComparison.Ordinal);

        // The edge follows the server's stops: the alarm stop is among them, with its origin.
        var feed = await api.CallAsync(HttpMethod.Get, "/api/v1/edge/stops?after=0", api.Operator);
        Assert.Equal(200, feed.Status);
        Assert.Contains(feed.Body!["stops"]!.AsArray(), s => (long)s!["id"]! == stop.Id && (string)s["origin"]! == "alarm");
    }

    private static JsonObject Alarm(string id, string rule, string subject, string title) => new()
    {
        ["id"] = id,
        ["agentId"] = Agent,
        ["rule"] = rule,
        ["subject"] = subject,
        ["severity"] = "Critical",
        ["title"] = title,
        ["evidence"] = new JsonObject(),
        ["raisedAt"] = "2026-03-02T07:00:00Z",
    };

    private static string Batch(params JsonObject[] alarms) =>
        new JsonObject { ["edgeId"] = "line3-edge", ["alarms"] = new JsonArray([.. alarms]) }.ToJsonString();
}
