using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Models.Softmax;
using Rung.Storage.Postgres;
using Rung.Testing;
using Rung.Testing.Postgres;

namespace Rung.Storage.Tests.Scale;

/// <summary>Two real <c>rung serve</c> processes on one PostgreSQL database, as behind a load balancer.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class TwoServersOnOnePostgresTests : IAsyncLifetime
{
    private const string AgentId = "line3-approve";
    private const string Scope = "acme/dortmund/machining/line3";
    private readonly TempDirectory _folder = new();
    private PostgresDatabase? _database;

    public async Task InitializeAsync() => _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("rung_serve");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task Concurrent_approvals_get_one_success_and_one_conflict_and_only_the_lease_holder_checkpoints()
    {
        var connection = _database!.ConnectionString;
        string token;
        await using (var store = await PostgresRungStore.OpenAsync(connection, TimeProvider.System))
        {
            var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, "security"), new IdentityOptions(), TimeProvider.System);
            await identity.AddUserAsync("ada", "Ada Lovelace", [Role.Approver], [Scope], "Correct-Horse-Battery-9!", "system");
            token = (await identity.CreateTokenAsync("line3-mes", [Role.Operator], [Scope], "admin")).Token;
        }

        var useCase = WriteUseCase();
        var folders = new[] { DataFolder("a"), DataFolder("b") };
        await using var a = await ServeProcess.StartAsync("--data", folders[0], "--store", connection, "--usecase", useCase, "--urls", "http://127.0.0.1:0");
        await using var b = await ServeProcess.StartAsync("--data", folders[1], "--store", connection, "--usecase", useCase, "--urls", "http://127.0.0.1:0");
        using var clientA = Client(a.Address, token);
        using var clientB = Client(b.Address, token);

        const int Cases = 12;
        for (var i = 0; i < Cases; i++)
        {
            var submit = await PostAsync(i % 2 == 0 ? clientA : clientB, $"/api/v1/agents/{AgentId}/cases", CaseJson($"c{i}"));
            Assert.Equal(201, submit.Status);
            Assert.Equal("PendingApproval", submit.Body?["disposition"]?.GetValue<string>());
        }

        for (var i = 0; i < Cases; i++)
        {
            var path = $"/api/v1/agents/{AgentId}/cases/c{i}";
            var both = await Task.WhenAll(
                Task.Run(() => PostAsync(clientA, path + "/approve", "{}")),
                Task.Run(() => PostAsync(clientB, path + "/reject", """{"reason":"Part is fine."}""")));
            Assert.Single(both, r => r.Status == 200);
            var conflict = Assert.Single(both, r => r.Status == 409);
            Assert.Contains("already has a verdict", conflict.Body?["detail"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal(0, await a.StopAsync());
        Assert.Equal(0, await b.StopAsync());

        // The audit checkpoint is a background job: one instance holds its lease and signs; the other skips it.
        var withCheckpoints = folders.Where(f => File.Exists(GovernancePaths.CheckpointFile(f))).ToList();
        var holderFolder = Assert.Single(withCheckpoints);
        await using var reopened = await PostgresRungStore.OpenAsync(connection, TimeProvider.System);
        var lease = await reopened.GetLeaseAsync("audit.checkpoint");
        Assert.NotNull(lease);
        Assert.Single(await reopened.GetAuditCheckpointsAsync());

        // One chain through both writers, checked with the holder's key and checkpoint file.
        using var key = ServerKey.LoadForVerification(GovernancePaths.Keys(holderFolder));
        var verification = await AuditVerifier.VerifyAsync(reopened, key, GovernancePaths.CheckpointFile(holderFolder));
        Assert.True(verification.IsValid, verification.Summary);
        Assert.Equal(Cases, (await reopened.GetAuditEntriesAsync(new Audit.AuditQuery(RecordType: Audit.AuditRecordTypes.Approval))).Count);
    }

    private string DataFolder(string name)
    {
        var folder = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(folder);
        var model = new SoftmaxRegressionModel([new FeatureProfile("x", 0, 10, 5, 2)], ["accept", "scrap"], [-4, 4], [0, 0]);
        using var file = File.Create(Path.Combine(folder, "model.json"));
        model.Save(file);
        return folder;
    }

    private string WriteUseCase()
    {
        var path = Path.Combine(_folder.Path, "approve.yaml");
        File.WriteAllText(path, $$"""
            usecase: { id: {{AgentId}}-uc, name: Test quality }
            business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
            agent:
              id: {{AgentId}}
              scope: {{Scope}}
              initial_stage: ApproveEach
              model: { kind: in_process, version: "softmax-1", command: model.json }
              inputs:
                - { name: x, unit: mm, min: 0, max: 10 }
              actions:
                - { name: accept, severity: Low }
                - { name: scrap, severity: Low }
                - { name: hold_for_inspection, severity: Low }
              default_action: hold_for_inspection
              slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
            """);
        return path;
    }

    private static string CaseJson(string id) =>
        new JsonObject { ["caseId"] = id, ["occurredAt"] = "2026-03-02T07:00:00Z", ["values"] = new JsonObject { ["x"] = 9 } }.ToJsonString();

    private static HttpClient Client(string address, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(int Status, JsonNode? Body)> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
