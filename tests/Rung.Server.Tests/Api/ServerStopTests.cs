using System.Text.Json.Nodes;
using Rung.Core.Alarms;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage.Edge;
using Rung.UseCases;

namespace Rung.Server.Tests.Api;

/// <summary>
/// The agents <c>rung serve</c> runs itself obey the stop switch like an edge's: a stop for the agent, for a zone
/// covering it, or thrown by an alarm rule in <c>stop_on</c> turns its next case into an exception item with nothing
/// delivered, holds an action a person approves meanwhile, and a recorded restart lets the next case write again.
/// Each test restarts what it stopped, since the tests share one server.
/// </summary>
public sealed class ServerStopTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    private static string NewId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task AgentStop_NextCaseIsAnExceptionWithNoAction_RecordedRestart_CommitsAgain()
    {
        var before = await SubmitAsync(ApiFixture.AutoAgent, 9.5);
        Assert.Equal("Committed", before.Disposition);
        Assert.True(Delivered(ApiFixture.AutoAgent, before.Id));

        await StoreStopAsync("agent:" + ApiFixture.AutoAgent, true, "jam at station 4");
        try
        {
            var stopped = await SubmitAsync(ApiFixture.AutoAgent, 9.5);

            Assert.Equal("Excepted", stopped.Disposition);
            Assert.Equal("hold_for_inspection", stopped.Action);
            Assert.Contains(stopped.Reasons, r => r.Contains("jam at station 4", StringComparison.Ordinal));
            Assert.False(Delivered(ApiFixture.AutoAgent, stopped.Id));
            Assert.Contains(stopped.Id, await OpenExceptionsAsync(ApiFixture.AutoAgent));
        }
        finally
        {
            await StoreStopAsync("agent:" + ApiFixture.AutoAgent, false, "station 4 cleared");
        }

        var after = await SubmitAsync(ApiFixture.AutoAgent, 9.5);
        Assert.Equal("Committed", after.Disposition);
        Assert.True(Delivered(ApiFixture.AutoAgent, after.Id));
    }

    [Fact]
    public async Task AgentStop_ThrownThroughTheRoute_FindsTheServerRunAgentInTheStore()
    {
        Assert.Equal(200, (await ThrowAsync("agent:" + ApiFixture.AutoAgent, true, "guard door open")).Status);
        try
        {
            var stopped = await SubmitAsync(ApiFixture.AutoAgent, 9.5);

            Assert.Equal("Excepted", stopped.Disposition);
            Assert.Contains(stopped.Reasons, r => r.Contains("guard door open", StringComparison.Ordinal));
            Assert.False(Delivered(ApiFixture.AutoAgent, stopped.Id));
        }
        finally
        {
            Assert.Equal(200, (await ThrowAsync("agent:" + ApiFixture.AutoAgent, false, "guard door closed")).Status);
        }

        Assert.Equal("Committed", (await SubmitAsync(ApiFixture.AutoAgent, 9.5)).Disposition);
        Assert.Equal(404, (await ThrowAsync("agent:no-such-agent", true, "typo")).Status);
    }

    [Fact]
    public async Task LineStop_ThrownThroughTheRoute_HaltsTheAgentInTheLine_UntilRestartedThere()
    {
        Assert.Equal(200, (await ThrowAsync(ApiFixture.Line3, true, "coolant leak on line 3")).Status);
        try
        {
            var stopped = await SubmitAsync(ApiFixture.AutoAgent, 9.5);

            Assert.Equal("Excepted", stopped.Disposition);
            Assert.Contains(stopped.Reasons, r => r.Contains("coolant leak on line 3", StringComparison.Ordinal));
            Assert.False(Delivered(ApiFixture.AutoAgent, stopped.Id));
        }
        finally
        {
            Assert.Equal(200, (await ThrowAsync(ApiFixture.Line3, false, "leak fixed")).Status);
        }

        var after = await SubmitAsync(ApiFixture.AutoAgent, 9.5);
        Assert.Equal("Committed", after.Disposition);
        Assert.True(Delivered(ApiFixture.AutoAgent, after.Id));
    }

    [Fact]
    public async Task ApprovalWhileStopped_DeliversNothing_TheActionBecomesAnExceptionNamingTheStop_AndIsNotFiredAtRestart()
    {
        var draft = await SubmitAsync(ApiFixture.ApproveAgent, 9.5);
        Assert.Equal("PendingApproval", draft.Disposition);
        var stop = await StoreStopAsync("agent:" + ApiFixture.ApproveAgent, true, "robot cell opened");
        try
        {
            var approved = await api.CallAsync(Post, $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases/{draft.Id}/approve", api.Operator, "{}");

            Assert.Equal(200, approved.Status);
            Assert.False(Delivered(ApiFixture.ApproveAgent, draft.Id));
            var item = Assert.Single(await ExceptionItemsAsync(ApiFixture.ApproveAgent), e => (string)e["caseId"]! == draft.Id);
            var reason = (string)item["reason"]!;
            Assert.Contains("action not sent", reason, StringComparison.Ordinal);
            Assert.Contains(stop.Actor, reason, StringComparison.Ordinal);
            Assert.Contains("robot cell opened", reason, StringComparison.Ordinal);
        }
        finally
        {
            await StoreStopAsync("agent:" + ApiFixture.ApproveAgent, false, "cell closed");
        }

        // After the restart a new approval is delivered; the held one stays undelivered.
        var next = await SubmitAsync(ApiFixture.ApproveAgent, 9.5);
        Assert.Equal(200, (await api.CallAsync(Post, $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases/{next.Id}/approve", api.Operator, "{}")).Status);
        Assert.True(Delivered(ApiFixture.ApproveAgent, next.Id));
        Assert.False(Delivered(ApiFixture.ApproveAgent, draft.Id));
    }

    [Fact]
    public async Task AlarmOfAStopOnRule_HaltsTheServerRunAgent()
    {
        var useCase = UseCaseLoader.Load(ApiFixture.UseCaseYaml(ApiFixture.AutoAgent, "AutoWithExceptions", ApiFixture.Line3 + "/cell2", "  monitoring: { stop_on: [model.failure] }"), "auto.yaml").Definition;
        var center = new AlarmCenter(useCase, api.Store, new Notifier([new FileChannel(Path.Combine(api.DataFolder, "pages-stop-test.jsonl"))]), TimeProvider.System);
        var condition = new AlarmCondition(AlarmRules.ModelFailure, "model", true, AlarmSeverity.Critical, "model process died", new Dictionary<string, string>(), ClearsItself: false);
        var raised = await center.EvaluateAsync([condition]);
        var alarm = Assert.Single(raised, e => e.Event.Kind == AlarmEventKind.Raised).Event.Alarm;
        try
        {
            var stopped = await SubmitAsync(ApiFixture.AutoAgent, 9.5);

            Assert.Equal("Excepted", stopped.Disposition);
            Assert.Contains(stopped.Reasons, r => r.Contains("alarm:model.failure", StringComparison.Ordinal) && r.Contains(alarm.Id, StringComparison.Ordinal));
            Assert.False(Delivered(ApiFixture.AutoAgent, stopped.Id));
        }
        finally
        {
            await StoreStopAsync("agent:" + ApiFixture.AutoAgent, false, "model process replaced");
            await center.ResolveAsync(alarm.Id, ApiFixture.OwnerUser, "model process replaced");
        }

        Assert.Equal("Committed", (await SubmitAsync(ApiFixture.AutoAgent, 9.5)).Disposition);
    }

    private async Task<(string Id, string Disposition, string Action, IReadOnlyList<string> Reasons)> SubmitAsync(string agent, double x)
    {
        var id = NewId();
        var json = new JsonObject { ["caseId"] = id, ["occurredAt"] = "2026-03-02T07:00:00Z", ["values"] = new JsonObject { ["x"] = x } }.ToJsonString();
        var r = await api.CallAsync(Post, $"/api/v1/agents/{agent}/cases", api.Operator, json);
        Assert.Equal(201, r.Status);
        var reasons = r.Body!["reasons"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
        return (id, (string)r.Body["disposition"]!, (string)r.Body["proposal"]!["action"]!, reasons);
    }

    private Task<StopEvent> StoreStopAsync(string scope, bool stopped, string reason) =>
        api.Store.AppendStopAsync(new StopEvent(0, scope, stopped, TimeProvider.System.GetUtcNow(), ApiFixture.OwnerUser, reason, "server"));

    private Task<(int Status, JsonNode? Body, string ContentType)> ThrowAsync(string scope, bool stopped, string reason) =>
        api.CallAsync(Post, "/api/v1/edge/stops", api.OwnerToken, new JsonObject { ["scope"] = scope, ["stopped"] = stopped, ["reason"] = reason }.ToJsonString());

    private async Task<IReadOnlyList<JsonNode>> ExceptionItemsAsync(string agent)
    {
        var list = await api.CallAsync(Get, $"/api/v1/agents/{agent}/exceptions?limit=500", api.Operator);
        Assert.Equal(200, list.Status);
        return [.. list.Body!["items"]!.AsArray().Select(n => n!)];
    }

    private async Task<IReadOnlyList<string>> OpenExceptionsAsync(string agent) =>
        [.. (await ExceptionItemsAsync(agent)).Select(e => (string)e["caseId"]!)];

    // The JSON-lines connector writes one line per delivered action, naming its case.
    private bool Delivered(string agent, string caseId)
    {
        var file = Path.Combine(api.DataFolder, "actions", agent + ".jsonl");
        return File.Exists(file) && File.ReadLines(file).Any(l => l.Contains('"' + caseId + '"', StringComparison.Ordinal));
    }
}
