using System.Net;
using System.Text.Json;
using Rung.Governance.Conduits;
using Rung.Governance.Identity;
using Rung.Hardening.Tests.Server;
using Rung.Storage.Audit;
using Rung.Storage;

namespace Rung.Hardening.Tests.Conduits;

/// <summary>The server applies the declared conduits to every edge request, over real HTTP.</summary>
public sealed class EdgeFlowTests
{
    /// <summary>Line 4's cell holds this machine (the test's source address); line 3's cell is a network the test is not in.</summary>
    private const string Declaration = """
        {
          "zones": {
            "line4-cell": { "hosts": ["127.0.0.1", "::1"], "scopes": ["acme/dortmund/machining/line4"], "runs": ["edge:*"] },
            "line3-cell": { "hosts": ["10.3.0.0/24"], "scopes": ["acme/dortmund/machining/line3"] },
            "plant-dmz":  { "hosts": ["127.0.0.1"], "runs": ["server"] }
          },
          "conduits": [
            { "from": "line4-cell", "to": "plant-dmz", "protocol": "http" },
            { "from": "line3-cell", "to": "plant-dmz", "protocol": "http" }
          ]
        }
        """;

    [Fact]
    public async Task EdgeRequest_TokenZoneAndSourceOnADeclaredConduit_Served()
    {
        await using var server = await SmallServer.StartAsync("http://127.0.0.1:0", Declaration);
        var token = await TokenAsync(server, HardeningServer.Line4);
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Get, "/api/v1/edge/config", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(HardeningServer.Line3, "the source 127.0.0.1 is not a host of zone 'line3-cell'")]
    [InlineData("acme/dortmund/machining/line5", "are in no declared zone's scopes")]
    public async Task EdgeRequest_Undeclared_403ProblemNamingTheFlow(string tokenZone, string why)
    {
        await using var server = await SmallServer.StartAsync("http://127.0.0.1:0", Declaration);
        var token = await TokenAsync(server, tokenZone);
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Get, "/api/v1/edge/config", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Flow refused", problem.RootElement.GetProperty("title").GetString());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(why, detail, StringComparison.Ordinal);
        Assert.Contains("-> plant-dmz over http", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdgeRequest_RefusedRepeatedly_OneAlarmOneAuditEntryAndNothingStored()
    {
        await using var server = await SmallServer.StartAsync("http://127.0.0.1:0", Declaration);
        var token = await TokenAsync(server, HardeningServer.Line3);
        using var client = server.Client();

        for (var i = 0; i < 5; i++)
        {
            using var response = await HardeningServer.SendAsync(client, HttpMethod.Post, "/api/v1/edge/heartbeat", token,
                """{"edgeId": "edge-3", "sentAt": "2026-01-05T08:00:00Z", "bufferDepth": 0, "forwardingLag": "00:00:00", "modelVersion": "m1", "stopped": false}""");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var alarm = Assert.Single(await server.Store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 10));
        Assert.Equal(RefusedFlowAlarms.Rule, alarm.Rule);
        Assert.Equal("line3-cell", alarm.Evidence["from_zone"]);
        Assert.Equal("plant-dmz", alarm.Evidence["to_zone"]);
        var audited = Assert.Single(await server.Store.GetAuditEntriesAsync(new AuditQuery(RecordType: "conduit")));
        Assert.Equal("refuse", audited.Action);
        Assert.StartsWith("token:", audited.Actor, StringComparison.Ordinal);
        Assert.Empty(await ((IEdgeStore)server.Store).GetEdgeHealthAsync());
    }

    [Fact]
    public async Task OtherApiRoutes_NotEdgeFlows_Unaffected()
    {
        await using var server = await SmallServer.StartAsync("http://127.0.0.1:0", Declaration);
        var token = await TokenAsync(server, HardeningServer.Line3);
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Get, "/api/v1/agents", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EdgeRequest_NoDeclaration_ServedAsBefore()
    {
        await using var server = await SmallServer.StartAsync("http://127.0.0.1:0");
        var token = await TokenAsync(server, HardeningServer.Line3);
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Get, "/api/v1/edge/config", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Build_BadDeclaration_RefusedNamingTheField()
    {
        var ex = await Assert.ThrowsAsync<ConduitFileException>(() => SmallServer.StartAsync("http://127.0.0.1:0", """{"zones": {"a": {}}, "conduits": [{"from": "a", "to": "b", "protocol": "https"}]}"""));

        Assert.Contains("zone 'b', which is not declared", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(SmallServer server, string zone) =>
        (await server.Identity.CreateTokenAsync("edge-" + zone.Replace('/', '-'), [Role.Operator], [zone], "admin")).Token;
}
