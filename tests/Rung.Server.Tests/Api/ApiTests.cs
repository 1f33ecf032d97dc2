using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rung.Core.Alarms;

namespace Rung.Server.Tests.Api;

public sealed class ApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    private static string NewId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    private static string CaseJson(string id, double x, string at = "2026-03-02T07:00:00Z") =>
        new JsonObject { ["caseId"] = id, ["occurredAt"] = at, ["values"] = new JsonObject { ["x"] = x } }.ToJsonString();

    private static void AssertProblem((int Status, JsonNode? Body, string ContentType) r, int status, string? field = null)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal("application/problem+json", r.ContentType);
        Assert.Equal(status, (int)r.Body!["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)r.Body["detail"]));
        if (field is not null)
        {
            Assert.True(r.Body["errors"]?[field] is JsonArray { Count: > 0 }, $"expected an error for '{field}' in {r.Body.ToJsonString()}");
        }
    }

    private async Task<JsonNode> SubmitAsync(string agent, string id, double x)
    {
        var r = await api.CallAsync(Post, $"/api/v1/agents/{agent}/cases", api.Operator, CaseJson(id, x));
        Assert.Equal(201, r.Status);
        return r.Body!;
    }

    [Fact]
    public async Task OpenApi_ParsesAsOpenApi3_AndListsEveryMappedRoute()
    {
        var r = await api.CallAsync(Get, "/api/v1/openapi.json", null);
        Assert.Equal(200, r.Status);
        Assert.StartsWith("3.", (string)r.Body!["openapi"]!, StringComparison.Ordinal);
        Assert.NotNull(r.Body["info"]!["title"]);
        var paths = r.Body["paths"]!.AsObject();
        var mapped = api.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .ToList();
        Assert.Equal(37, mapped.Count);
        foreach (var (path, method) in mapped)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method} {path} is mapped but not in the OpenAPI document");
            Assert.NotNull(operation!["responses"]);
            Assert.NotNull(operation["operationId"]);
        }

        Assert.Equal(mapped.Count, paths.Sum(p => p.Value!.AsObject().Count));
    }

    [Fact]
    public async Task EveryEndpoint_WithoutToken_Is401Problem_AndWithBadToken_Too()
    {
        var doc = (await api.CallAsync(Get, "/api/v1/openapi.json", null)).Body!;
        var checkedCount = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation!["security"] is JsonArray { Count: 0 })
                {
                    continue;
                }

                var concrete = path.Replace("{agentId}", ApiFixture.ApproveAgent, StringComparison.Ordinal).Replace("{caseId}", "x", StringComparison.Ordinal).Replace("{alarmId}", "x", StringComparison.Ordinal).Replace("{version}", "v1", StringComparison.Ordinal);
                var body = method == "post" ? "{}" : null;
                AssertProblem(await api.CallAsync(new HttpMethod(method.ToUpperInvariant()), concrete, null, body), 401);
                AssertProblem(await api.CallAsync(new HttpMethod(method.ToUpperInvariant()), concrete, "rung_not-a-token", body), 401);
                checkedCount++;
            }
        }

        Assert.Equal(36, checkedCount);
    }

    [Fact]
    public async Task Agents_ListedOnlyInCallersZone_GetAndStatus_OtherZoneIs404()
    {
        var mine = await api.CallAsync(Get, "/api/v1/agents", api.Operator);
        Assert.Equal(200, mine.Status);
        Assert.Equal([ApiFixture.ApproveAgent, ApiFixture.AutoAgent], mine.Body!["items"]!.AsArray().Select(a => (string)a!["agentId"]!).Order(StringComparer.Ordinal));
        var theirs = await api.CallAsync(Get, "/api/v1/agents", api.OtherLine);
        Assert.Empty(theirs.Body!["items"]!.AsArray());

        var one = await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}", api.Operator);
        Assert.Equal("ApproveEach", (string)one.Body!["stage"]!);
        var status = await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}/status", api.Operator);
        Assert.Equal(200, status.Status);
        Assert.Equal(0.92, (double)status.Body!["slo"]!["accuracyFloor"]!);
        AssertProblem(await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}", api.OtherLine), 404);
        AssertProblem(await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}/status", api.OtherLine), 404);
        AssertProblem(await api.CallAsync(Get, "/api/v1/agents/nobody", api.Operator), 404);
    }

    [Fact]
    public async Task Agents_PageWithCursor_AndRejectBadLimitAndCursor()
    {
        var first = await api.CallAsync(Get, "/api/v1/agents?limit=1", api.Operator);
        Assert.Single(first.Body!["items"]!.AsArray());
        var cursor = (string)first.Body["nextCursor"]!;
        var second = await api.CallAsync(Get, $"/api/v1/agents?limit=1&cursor={cursor}", api.Operator);
        Assert.Single(second.Body!["items"]!.AsArray());
        Assert.NotEqual((string)first.Body["items"]![0]!["agentId"]!, (string)second.Body["items"]![0]!["agentId"]!);
        Assert.Null(second.Body["nextCursor"]);
        AssertProblem(await api.CallAsync(Get, "/api/v1/agents?limit=0", api.Operator), 400, "limit");
        AssertProblem(await api.CallAsync(Get, "/api/v1/agents?limit=501", api.Operator), 400, "limit");
        AssertProblem(await api.CallAsync(Get, "/api/v1/agents?cursor=garbage!", api.Operator), 400, "cursor");
    }

    [Fact]
    public async Task SubmitCase_DecidesThroughTheRuntime_AndIsReadBack()
    {
        var id = NewId();
        var decided = await SubmitAsync(ApiFixture.ApproveAgent, id, 9.5);
        Assert.Equal("scrap", (string)decided["proposal"]!["action"]!);
        Assert.Equal("PendingApproval", (string)decided["disposition"]!);
        Assert.Equal("softmax-1", (string)decided["proposal"]!["modelVersion"]!);
        var read = await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases/{id}", api.Operator);
        Assert.Equal(200, read.Status);
        Assert.Equal(id, (string)read.Body!["caseId"]!);
        AssertProblem(await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.AutoAgent}/cases/{id}", api.Operator), 404);
        AssertProblem(await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases/{id}", api.OtherLine), 404);

        var again = await api.CallAsync(Post, $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases", api.Operator, CaseJson(id, 1));
        Assert.Equal(200, again.Status);
        Assert.True((bool)again.Body!["duplicate"]!);
        Assert.Equal("scrap", (string)again.Body["proposal"]!["action"]!);
    }

    [Theory]
    [InlineData("""{"caseId":"ID","occurredAt":"2026-03-02T07:00:00Z","values":{"x":"NaN"}}""", "values.x")]
    [InlineData("""{"caseId":"ID","occurredAt":"2026-03-02T07:00:00Z","values":{"x":1e999}}""", "values.x")]
    [InlineData("""{"caseId":"ID","occurredAt":"2026-03-02T07:00:00Z","values":{"spindle":1}}""", "values.spindle")]
    [InlineData("""{"occurredAt":"2026-03-02T07:00:00Z","values":{"x":1}}""", "caseId")]
    [InlineData("""{"caseId":"ID","occurredAt":"yesterday","values":{"x":1}}""", "occurredAt")]
    [InlineData("""{"caseId":"ID","occurredAt":"2026-03-02T07:00:00","values":{"x":1}}""", "occurredAt")]
    [InlineData("""{"caseId":"ID","occurredAt":"2999-03-02T07:00:00Z","values":{"x":1}}""", "occurredAt")]
    [InlineData("""{"caseId":"ID","occurredAt":"2026-03-02T07:00:00Z","values":[1]}""", "values")]
    [InlineData("""{"caseId":"ID","occurredAt":"2026-03-02T07:00:00Z","values":{"x":1},"extra":1}""", "extra")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"caseId":""", "body")]
    public async Task SubmitCase_BadInput_Is400NamingTheField_AndStoresNothing(string template, string field)
    {
        var id = NewId();
        var r = await api.CallAsync(Post, $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases", api.Operator, template.Replace("ID", id, StringComparison.Ordinal), idempotencyKey: NewId());
        AssertProblem(r, 400, field);
        Assert.Null(await api.Store.GetDecisionAsync(id));
    }

    [Fact]
    public async Task SubmitCase_WrongContentType_Oversized_WrongZone_WrongRole()
    {
        var path = $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases";
        AssertProblem(await api.CallAsync(Post, path, api.Operator, CaseJson(NewId(), 1), contentType: "text/plain"), 415, "Content-Type");
        var huge = new JsonObject { ["caseId"] = NewId(), ["occurredAt"] = "2026-03-02T07:00:00Z", ["values"] = new JsonObject { ["x"] = 1 }, ["pad"] = new string('a', (1 << 20) + 10) };
        AssertProblem(await api.CallAsync(Post, path, api.Operator, huge.ToJsonString()), 413, "body");
        var id = NewId();
        AssertProblem(await api.CallAsync(Post, path, api.OtherLine, CaseJson(id, 1)), 404);
        AssertProblem(await api.CallAsync(Post, path, api.Auditor, CaseJson(id, 1)), 403);
        Assert.Null(await api.Store.GetDecisionAsync(id));
    }

    [Fact]
    public async Task SubmitCase_SameIdempotencyKey_ReplaysStoredResponse_DifferentBodyIs422()
    {
        var path = $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases";
        var key = NewId();
        var id = NewId();
        using var first = await api.SendAsync(Post, path, api.Operator, CaseJson(id, 9), key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(201, (int)first.StatusCode);
        using var second = await api.SendAsync(Post, path, api.Operator, CaseJson(id, 9), key);
        Assert.Equal(201, (int)second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotency-Replayed"));
        AssertProblem(await api.CallAsync(Post, path, api.Operator, CaseJson(NewId(), 9), key), 422, "Idempotency-Key");
        AssertProblem(await api.CallAsync(Post, path, api.Operator, CaseJson(NewId(), 9), "bad key with spaces"), 400, "Idempotency-Key");
    }

    [Fact]
    public async Task SubmitBatch_DecidesAll_RejectsDuplicateIdsAndBadItems_Idempotent()
    {
        var path = $"/api/v1/agents/{ApiFixture.AutoAgent}/cases/batch";
        var ids = new[] { NewId(), NewId(), NewId() };
        var body = new JsonObject { ["cases"] = new JsonArray([.. ids.Select((id, i) => (JsonNode?)JsonNode.Parse(CaseJson(id, i == 0 ? 0.5 : 9.5)))]) }.ToJsonString();
        var key = NewId();
        var r = await api.CallAsync(Post, path, api.Operator, body, key);
        Assert.Equal(200, r.Status);
        Assert.Equal(3, (int)r.Body!["stored"]!);
        Assert.Equal(ids, r.Body["results"]!.AsArray().Select(x => (string)x!["caseId"]!));
        var replay = await api.CallAsync(Post, path, api.Operator, body, key);
        Assert.Equal(r.Body.ToJsonString(), replay.Body!.ToJsonString());
        var retried = await api.CallAsync(Post, path, api.Operator, body);
        Assert.Equal(3, (int)retried.Body!["duplicates"]!);

        var a = NewId();
        var dup = new JsonObject { ["cases"] = new JsonArray(JsonNode.Parse(CaseJson(a, 1)), JsonNode.Parse(CaseJson(a, 2)), JsonNode.Parse(CaseJson(NewId(), double.MaxValue)), 7) }.ToJsonString();
        var bad = await api.CallAsync(Post, path, api.Operator, dup);
        AssertProblem(bad, 400, "cases[1].caseId");
        Assert.NotNull(bad.Body!["errors"]!["cases[3]"]);
        Assert.Null(await api.Store.GetDecisionAsync(a));
        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"cases":[]}"""), 400, "cases");
        AssertProblem(await api.CallAsync(Post, path, api.OtherLine, body), 404);
    }

    [Fact]
    public async Task Outcomes_LabelCases_OneAndBatch_RejectUnknownActionAndCase()
    {
        var id = NewId();
        var id2 = NewId();
        await SubmitAsync(ApiFixture.AutoAgent, id, 9.5);
        await SubmitAsync(ApiFixture.AutoAgent, id2, 0.5);
        var path = $"/api/v1/agents/{ApiFixture.AutoAgent}/outcomes";
        var key = NewId();
        var one = new JsonObject { ["caseId"] = id, ["correctAction"] = "scrap", ["source"] = "QualityResult" }.ToJsonString();
        var r = await api.CallAsync(Post, path, api.Operator, one, key);
        Assert.Equal(200, r.Status);
        Assert.True((bool)r.Body!["stored"]!);
        Assert.True((bool)r.Body["correct"]!);
        var replay = await api.CallAsync(Post, path, api.Operator, one, key);
        Assert.Equal(r.Body.ToJsonString(), replay.Body!.ToJsonString());
        var batch = new JsonObject { ["outcomes"] = new JsonArray(new JsonObject { ["caseId"] = id2, ["correctAction"] = "scrap" }, new JsonObject { ["caseId"] = id, ["correctAction"] = "scrap", ["source"] = "QualityResult" }) }.ToJsonString();
        var b = await api.CallAsync(Post, path + "/batch", api.Operator, batch);
        Assert.Equal(200, b.Status);
        Assert.False((bool)b.Body!["results"]![0]!["correct"]!);
        Assert.False((bool)b.Body["results"]![1]!["stored"]!);

        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"caseId":"ID","correctAction":"explode"}""".Replace("ID", id, StringComparison.Ordinal)), 400, "correctAction");
        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"caseId":"nope","correctAction":"scrap"}"""), 400, "caseId");
        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"caseId":"ID","correctAction":"scrap","source":"ApproverVerdict"}""".Replace("ID", id, StringComparison.Ordinal)), 400, "source");
        var dupBatch = new JsonObject { ["outcomes"] = new JsonArray(new JsonObject { ["caseId"] = id2, ["correctAction"] = "scrap" }, new JsonObject { ["caseId"] = id2, ["correctAction"] = "accept" }) }.ToJsonString();
        AssertProblem(await api.CallAsync(Post, path + "/batch", api.Operator, dupBatch), 400, "outcomes[1].caseId");
        AssertProblem(await api.CallAsync(Post, path, api.OtherLine, one), 404);
        AssertProblem(await api.CallAsync(Post, path, api.Auditor, one), 403);
    }

    [Fact]
    public async Task Approvals_ApproveAndReject_PendingListed_ConflictsAndBadInput()
    {
        var approveId = NewId();
        var rejectId = NewId();
        await SubmitAsync(ApiFixture.ApproveAgent, approveId, 9.5);
        await SubmitAsync(ApiFixture.ApproveAgent, rejectId, 0.5);
        var pending = await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ApproveAgent}/approvals?limit=500", api.Operator);
        Assert.Contains(pending.Body!["items"]!.AsArray(), c => (string)c!["caseId"]! == approveId);

        var baseUrl = $"/api/v1/agents/{ApiFixture.ApproveAgent}/cases";
        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/{approveId}/approve", api.Auditor, "{}"), 403);
        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/{approveId}/approve", api.OtherLine, "{}"), 404);
        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/{approveId}/approve", api.Operator, """{"correctAction":"accept"}"""), 400, "correctAction");
        var key = NewId();
        var approved = await api.CallAsync(Post, $"{baseUrl}/{approveId}/approve", api.Operator, "{}", key);
        Assert.Equal(200, approved.Status);
        Assert.Equal("scrap", (string)approved.Body!["committedAction"]!);
        var replay = await api.CallAsync(Post, $"{baseUrl}/{approveId}/approve", api.Operator, "{}", key);
        Assert.Equal(approved.Body.ToJsonString(), replay.Body!.ToJsonString());
        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/{approveId}/approve", api.Operator, "{}"), 409);

        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/{rejectId}/reject", api.Operator, "{}"), 400, "reason");
        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/{rejectId}/reject", api.Operator, """{"reason":"x","correctAction":"explode"}"""), 400, "correctAction");
        var rejected = await api.CallAsync(Post, $"{baseUrl}/{rejectId}/reject", api.Operator, """{"reason":"part is fine","correctAction":"scrap"}""");
        Assert.Equal(200, rejected.Status);
        Assert.Equal("Rejected", (string)rejected.Body!["verdict"]!);
        AssertProblem(await api.CallAsync(Post, $"{baseUrl}/nope/reject", api.Operator, """{"reason":"x"}"""), 404);
    }

    [Fact]
    public async Task Exceptions_UnsureCaseIsQueued_ResolvedOnce_BadActionRejected()
    {
        var id = NewId();
        var decided = await SubmitAsync(ApiFixture.AutoAgent, id, 5);
        Assert.Equal("Excepted", (string)decided["disposition"]!);
        var list = await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.AutoAgent}/exceptions?limit=500", api.Operator);
        Assert.Contains(list.Body!["items"]!.AsArray(), e => (string)e!["caseId"]! == id);
        AssertProblem(await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.AutoAgent}/exceptions", api.OtherLine), 404);

        var path = $"/api/v1/agents/{ApiFixture.AutoAgent}/exceptions/{id}/resolve";
        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"action":"explode"}"""), 400, "action");
        AssertProblem(await api.CallAsync(Post, path, api.Operator, "{}"), 400, "action");
        AssertProblem(await api.CallAsync(Post, path, api.OtherLine, """{"action":"accept"}"""), 404);
        AssertProblem(await api.CallAsync(Post, path, api.Auditor, """{"action":"accept"}"""), 403);
        var key = NewId();
        var resolved = await api.CallAsync(Post, path, api.Operator, """{"action":"accept"}""", key);
        Assert.Equal(200, resolved.Status);
        var replay = await api.CallAsync(Post, path, api.Operator, """{"action":"accept"}""", key);
        Assert.Equal(resolved.Body!.ToJsonString(), replay.Body!.ToJsonString());
        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"action":"accept"}"""), 409);
    }

    [Fact]
    public async Task Alarms_ListedInZone_AcknowledgedOnce_Idempotent()
    {
        var alarmId = "A-" + NewId();
        await api.Store.SaveAlarmsAsync([new Alarm(alarmId, ApiFixture.ApproveAgent, "slo.alert_line", "slo.alert_line:" + alarmId, AlarmSeverity.Critical, "Accuracy under the alert line", new Dictionary<string, string> { ["accuracy"] = "0.8" }, "Call the owner", "line3.lead", DateTimeOffset.UnixEpoch.AddYears(56))]);
        var mine = await api.CallAsync(Get, $"/api/v1/alarms?agentId={ApiFixture.ApproveAgent}&limit=500", api.Operator);
        Assert.Contains(mine.Body!["items"]!.AsArray(), a => (string)a!["alarmId"]! == alarmId);
        var theirs = await api.CallAsync(Get, "/api/v1/alarms?limit=500", api.OtherLine);
        Assert.DoesNotContain(theirs.Body!["items"]!.AsArray(), a => (string)a!["alarmId"]! == alarmId);
        AssertProblem(await api.CallAsync(Get, $"/api/v1/alarms?agentId={ApiFixture.ApproveAgent}", api.OtherLine), 404);
        AssertProblem(await api.CallAsync(Get, "/api/v1/alarms?active=maybe", api.Operator), 400, "active");

        var path = $"/api/v1/alarms/{alarmId}/acknowledge";
        AssertProblem(await api.CallAsync(Post, path, api.OtherLine, "{}"), 404);
        AssertProblem(await api.CallAsync(Post, path, api.Auditor, "{}"), 403);
        AssertProblem(await api.CallAsync(Post, path, api.Operator, """{"comment":42}"""), 400, "comment");
        var key = NewId();
        var ack = await api.CallAsync(Post, path, api.Operator, """{"comment":"on my way"}""", key);
        Assert.Equal(200, ack.Status);
        Assert.Equal("Acknowledged", (string)ack.Body!["state"]!);
        var replay = await api.CallAsync(Post, path, api.Operator, """{"comment":"on my way"}""", key);
        Assert.Equal(ack.Body.ToJsonString(), replay.Body!.ToJsonString());
        AssertProblem(await api.CallAsync(Post, path, api.Operator, "{}"), 409);
        AssertProblem(await api.CallAsync(Post, "/api/v1/alarms/none/acknowledge", api.Operator, "{}"), 404);
    }

    [Fact]
    public async Task Audit_QueryPagesBySequence_VerifyIsValid_OperatorForbidden()
    {
        var first = await api.CallAsync(Get, "/api/v1/audit?limit=1", api.Auditor);
        Assert.Equal(200, first.Status);
        var seq1 = (long)first.Body!["items"]![0]!["sequence"]!;
        var second = await api.CallAsync(Get, $"/api/v1/audit?limit=1&cursor={(string)first.Body["nextCursor"]!}", api.Auditor);
        Assert.True((long)second.Body!["items"]![0]!["sequence"]! > seq1);
        var filtered = await api.CallAsync(Get, "/api/v1/audit?recordType=token&limit=500", api.Auditor);
        Assert.All(filtered.Body!["items"]!.AsArray(), e => Assert.Equal("token", (string)e!["recordType"]!));
        AssertProblem(await api.CallAsync(Get, "/api/v1/audit?from=soon", api.Auditor), 400, "from");
        AssertProblem(await api.CallAsync(Get, "/api/v1/audit", api.Operator), 403);
        var verify = await api.CallAsync(Get, "/api/v1/audit/verify", api.Auditor);
        Assert.Equal(200, verify.Status);
        Assert.True((bool)verify.Body!["valid"]!, verify.Body.ToJsonString());
        AssertProblem(await api.CallAsync(Get, "/api/v1/audit/verify", api.Operator), 403);
    }
}
