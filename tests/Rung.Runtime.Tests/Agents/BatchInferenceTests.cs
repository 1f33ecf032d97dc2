using Rung.Core.Policy;
using Rung.Core.UseCases;
using Rung.Models.Tests.Oip;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Runtime.Tests.Agents;

/// <summary>
/// A batch of cases decided by an agent whose model is served over the Open Inference Protocol goes to the model
/// server in one inference request, through the conformance server (which refuses requests a real server would).
/// </summary>
public sealed class BatchInferenceTests
{
    private static UseCaseDefinition UseCase(Uri server, int maxBatch = 8) => UseCaseLoader.Load($$"""
        usecase: { id: oip-quality, name: OIP quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: line3-oip
          scope: acme/dortmund/machining/line3
          initial_stage: AutoWithExceptions
          model: { kind: oip, version: "scrap-3", url: "{{server.ToString().TrimEnd('/')}}", name: scrap, model_version: "3", output: probabilities, classes: [keep, scrap], timeout: 5s, retries: 0, max_batch: {{maxBatch}} }
          inputs:
            - { name: temp, unit: C, min: 0, max: 100 }
            - { name: vib, unit: mm/s, min: 0, max: 100 }
          actions:
            - { name: keep, severity: Low }
            - { name: scrap, severity: Low }
          default_action: keep
          slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
        """, "oip.yaml").Definition;

    private static CaseInput Case(string id, double temp, double vib) =>
        new(id, new DateTimeOffset(2026, 3, 2, 6, 59, 0, TimeSpan.Zero), new Dictionary<string, double?> { ["temp"] = temp, ["vib"] = vib });

    private static async Task<(IReadOnlyList<(Storage.Journal.DecisionRecord Record, Storage.Journal.AppendResult Result)> Decided, int Requests)> DecideAsync(
        OipTestServer server, IReadOnlyList<CaseInput> cases, int maxBatch = 8)
    {
        using var dir = new TempDirectory();
        var useCase = UseCase(server.Url, maxBatch);
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), TimeProvider.System);
        await using var connector = await JsonLinesActionConnector.OpenAsync(dir.File("actions.jsonl"));
        var model = await ModelFactory.CreateAsync(useCase.Agent, dir.Path, TimeProvider.System);
        await using (model)
        {
            var runtime = await AgentRuntime.StartAsync(useCase, store, model, connector, TimeProvider.System);
            var before = server.InferRequests;
            var decided = await runtime.DecideAsync(cases);
            return (decided, server.InferRequests - before);
        }
    }

    [Fact]
    public async Task DecideAsync_OipModelWithBatchDimension_FiveCasesInOneInferenceRequest_AnswersInOrder()
    {
        await using var server = await OipTestServer.StartAsync(("temp", "FP32", [-1, 1]), ("vib", "FP32", [-1, 1]));

        var (decided, requests) = await DecideAsync(server, [Case("a", 1, 1), Case("b", 9, 9), Case("c", 2, 3), Case("d", 20, 1), Case("e", 0, 0)]);

        Assert.Equal(1, requests);
        Assert.Equal(["keep", "scrap", "keep", "scrap", "keep"], decided.Select(d => d.Record.Proposal.Action.Name));
        Assert.Equal(["a", "b", "c", "d", "e"], decided.Select(d => d.Record.Case.CaseId));
        Assert.All(decided, d => Assert.Equal("scrap-3", d.Record.Proposal.ModelVersion));
        Assert.Contains("\"shape\":[5,1]", server.LastInferBody!.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_BatchLargerThanTheModelsMaxBatch_SplitsIntoChunks()
    {
        await using var server = await OipTestServer.StartAsync(("temp", "FP32", [-1, 1]), ("vib", "FP32", [-1, 1]));

        var (decided, requests) = await DecideAsync(server, [.. Enumerable.Range(0, 5).Select(i => Case($"k{i}", i * 3, i * 3))], maxBatch: 2);

        Assert.Equal(3, requests);
        Assert.Equal(["keep", "keep", "scrap", "scrap", "scrap"], decided.Select(d => d.Record.Proposal.Action.Name));
    }

    [Fact]
    public async Task DecideAsync_BatchCallFails_EveryCaseGetsTheSafeDefaultWithTheReason_NothingCommitted()
    {
        await using var server = await OipTestServer.StartAsync(("temp", "FP32", [-1, 1]), ("vib", "FP32", [-1, 1]));
        server.Mode = OipServerMode.Failing;

        var (decided, requests) = await DecideAsync(server, [Case("a", 1, 1), Case("b", 9, 9), Case("c", 2, 3)]);

        Assert.Equal(1, requests);
        Assert.All(decided, d =>
        {
            Assert.Equal("keep", d.Record.Proposal.Action.Name);
            Assert.Equal(0, d.Record.Proposal.Confidence);
            Assert.NotEqual(Disposition.Committed, d.Record.Decision.Disposition);
            Assert.Contains(d.Record.Decision.Reasons, r => r.Contains("CUDA out of memory", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task DecideAsync_OneCase_AsksTheModelOnce()
    {
        await using var server = await OipTestServer.StartAsync(("temp", "FP32", [-1, 1]), ("vib", "FP32", [-1, 1]));

        var (decided, requests) = await DecideAsync(server, [Case("only", 9, 9)]);

        Assert.Equal(1, requests);
        Assert.Equal("scrap", Assert.Single(decided).Record.Proposal.Action.Name);
    }
}
