using System.Text.Json.Nodes;

namespace Rung.Server.Tests.Api;

/// <summary>The gate routes on a Shadow agent whose gate passes on four labelled cases: evaluate, report, promote.</summary>
public sealed class GatesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Agent = ApiFixture.ShadowAgent;
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly string Gate = $"/api/v1/agents/{Agent}/gate";

    private static string Owner(string user = ApiFixture.OwnerUser, string password = TestUsers.Password) =>
        new JsonObject { ["userId"] = user, ["password"] = password }.ToJsonString();

    private static void AssertProblem((int Status, JsonNode? Body, string ContentType) r, int status, string? field = null)
    {
        Assert.True(status == r.Status, $"expected {status}, got {r.Status}: {r.Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", r.ContentType);
        if (field is not null)
        {
            Assert.True(r.Body!["errors"]?[field] is JsonArray { Count: > 0 }, $"expected an error for '{field}' in {r.Body.ToJsonString()}");
        }
    }

    private async Task<JsonNode> SubmitAsync(string id, double x)
    {
        var at = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject { ["caseId"] = id, ["occurredAt"] = at, ["values"] = new JsonObject { ["x"] = x } }.ToJsonString();
        var r = await api.CallAsync(Post, $"/api/v1/agents/{Agent}/cases", api.Line5Operator, body);
        Assert.Equal(201, r.Status);
        return r.Body!;
    }

    [Fact]
    public async Task Gate_FailsOnNoEvidence_PassesOnLabelledCases_OwnerSignsPromotion_RuntimeDecidesOnTheNewStage()
    {
        var before = await api.CallAsync(Get, Gate, api.Line5Operator);
        Assert.Equal(200, before.Status);
        Assert.False((bool)before.Body!["passed"]!);
        Assert.Equal(("Shadow", "ApproveEach", "FAIL"), ((string)before.Body["from"]!, (string)before.Body["to"]!, (string)before.Body["verdict"]!));
        var volume = before.Body["criteria"]!.AsArray().Single(c => (string)c!["id"]! == "shadow.volume")!;
        Assert.False((bool)volume["passed"]!);
        Assert.Contains(volume["evidence"]!.AsArray(), e => (string)e!["name"]! == "required" && (string)e["value"]! == "4");
        var early = await api.CallAsync(Post, $"{Gate}/promote", api.OwnerToken, Owner());
        AssertProblem(early, 409);
        Assert.Contains("may not leave Shadow", (string)early.Body!["detail"]!, StringComparison.Ordinal);

        var prefix = "g-" + Guid.NewGuid().ToString("N")[..8];
        var cases = new (string Id, double X)[] { (prefix + "-1", 9.0), (prefix + "-2", 9.5), (prefix + "-3", 1.0), (prefix + "-4", 0.5) };
        foreach (var (id, x) in cases)
        {
            var decided = await SubmitAsync(id, x);
            var label = new JsonObject { ["caseId"] = id, ["correctAction"] = (string)decided["proposal"]!["action"]! }.ToJsonString();
            Assert.Equal(200, (await api.CallAsync(Post, $"/api/v1/agents/{Agent}/outcomes", api.Line5Operator, label)).Status);
        }

        var after = await api.CallAsync(Get, Gate, api.Line5Operator);
        Assert.True((bool)after.Body!["passed"]!, after.Body.ToJsonString());
        var report = await api.CallAsync(Get, $"{Gate}/report", api.Line5Operator);
        Assert.Matches("^[0-9a-f]{64}$", (string)report.Body!["evidenceSha256"]!);
        Assert.Equal((Agent, true), ((string)report.Body["report"]!["agent_id"]!, (bool)report.Body["report"]!["passed"]!));

        var notOwner = await api.CallAsync(Post, $"{Gate}/promote", api.OwnerToken, Owner(user: ApiFixture.OperatorUser));
        AssertProblem(notOwner, 403);
        Assert.Contains("Only the owner line3.lead", (string)notOwner.Body!["detail"]!, StringComparison.Ordinal);
        AssertProblem(await api.CallAsync(Post, $"{Gate}/promote", api.OwnerToken, Owner(password: "not the owner's password")), 403);
        Assert.Equal("Shadow", (string)(await api.CallAsync(Get, $"/api/v1/agents/{Agent}", api.Line5Operator)).Body!["stage"]!);

        using (var promoted = await api.SendAsync(Post, $"{Gate}/promote", api.OwnerToken, Owner(), "promote-1"))
        {
            Assert.Equal(200, (int)promoted.StatusCode);
            var text = await promoted.Content.ReadAsStringAsync();
            var body = JsonNode.Parse(text)!;
            Assert.Empty(api.Contract.Check(Post, $"{Gate}/promote", Owner(), 200, body));
            Assert.Equal(("Shadow", "ApproveEach", ApiFixture.OwnerUser, "e-signature"), ((string)body["from"]!, (string)body["to"]!, (string)body["approvedBy"]!, (string)body["approvalMethod"]!));
            using var retry = await api.SendAsync(Post, $"{Gate}/promote", api.OwnerToken, Owner(), "promote-1");
            Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
            Assert.Equal(text, await retry.Content.ReadAsStringAsync());
        }

        Assert.Equal("ApproveEach", (string)(await api.CallAsync(Get, $"/api/v1/agents/{Agent}/status", api.Line5Operator)).Body!["stage"]!);
        var next = await SubmitAsync(prefix + "-5", 9);
        Assert.Equal(("ApproveEach", "PendingApproval"), ((string)next["stage"]!, (string)next["disposition"]!));
        Assert.Superset(new HashSet<string> { "evaluateGate", "getGateReport", "promoteAgent" }, api.Contract.Seen.ToHashSet());
    }

    [Fact]
    public async Task Promote_BadInput_WrongCallers_AndGateReads_OutOfZone()
    {
        var promote = $"{Gate}/promote";
        AssertProblem(await api.CallAsync(Post, promote, api.OwnerToken, """{ "userId": "line3.lead" }"""), 400, "password");
        AssertProblem(await api.CallAsync(Post, promote, api.OwnerToken, """{ "userId": "line3.lead", "password": "x", "meaning": "Approved" }"""), 400, "meaning");
        AssertProblem(await api.CallAsync(Post, promote, api.OwnerToken, """{ "userId": "", "password": "x" }"""), 400, "userId");
        AssertProblem(await api.CallAsync(Post, promote, api.OwnerToken, "{ not json"), 400, "body");
        AssertProblem(await api.CallAsync(Post, promote, api.OwnerToken, Owner(), contentType: "application/xml"), 415);
        AssertProblem(await api.CallAsync(Post, promote, null, Owner()), 401);
        AssertProblem(await api.CallAsync(Post, promote, "rung_revoked-or-never-issued", Owner()), 401);
        AssertProblem(await api.CallAsync(Post, promote, api.Line5Operator, Owner()), 403);
        AssertProblem(await api.CallAsync(Post, promote, api.Line4Everything, Owner()), 404);
        AssertProblem(await api.CallAsync(Post, "/api/v1/agents/nobody/gate/promote", api.OwnerToken, Owner()), 404);

        AssertProblem(await api.CallAsync(Get, Gate, api.Operator), 404);
        AssertProblem(await api.CallAsync(Get, $"{Gate}/report", api.Operator), 404);
        AssertProblem(await api.CallAsync(Get, Gate, null), 401);
        AssertProblem(await api.CallAsync(Get, "/api/v1/agents/nobody/gate", api.Line5Operator), 404);
    }
}
