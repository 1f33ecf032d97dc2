using System.Text.Json;
using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Models.Softmax;
using Rung.Storage.Challengers;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary><c>rung model compare --live</c> reads the stored shadow rows of a real data folder.</summary>
public sealed class ModelCompareLiveTests
{
    private const string Agent = "line3-quality";

    [Fact]
    public async Task CompareLive_PrintsTheComparisonFromStoredRows_AndReleaseRejectsANegativeMinimum()
    {
        using var dir = new TempDirectory();
        string[] common = ["--data", dir.Path, "--agent", Agent];
        var modelFile = dir.File("m.json");
        using (var file = File.Create(modelFile))
        {
            new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(["x"]) { Epochs = 5 })
                .Train([new Dictionary<string, double> { ["x"] = 0 }, new Dictionary<string, double> { ["x"] = 1 }], ["accept", "scrap"]).Save(file);
        }

        foreach (var _ in new[] { "v1", "v2" })
        {
            var (registered, _, error) = await RungProcess.RunAsync(["model", "register", .. common, "--kind", "in_process", "--entry", "m.json", "--artifact", modelFile, "--by", "ml.engineer"]);
            Assert.True(registered == 0, error);
        }

        var (code, stdout, stderr) = await RungProcess.RunAsync(["model", "compare", .. common, "--version", "v2", "--live"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("has no live shadow cases", stdout, StringComparison.Ordinal);

        await StoreShadowRowsAsync(Path.Combine(dir.Path, "rung.db"));
        (code, stdout, stderr) = await RungProcess.RunAsync(["model", "compare", .. common, "--version", "v2", "--live", "--json"]);
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3, json.GetProperty("cases").GetInt32());
        Assert.Equal(2, json.GetProperty("answered").GetInt32());
        Assert.Equal(1, json.GetProperty("failed").GetInt32());
        Assert.Equal(1, json.GetProperty("agreements").GetInt32());
        Assert.Equal(1, json.GetProperty("labelled").GetInt32());
        Assert.Equal(1, json.GetProperty("high_severity_disagreements").GetInt32());

        (code, stdout, stderr) = await RungProcess.RunAsync(["model", "compare", .. common, "--version", "v2", "--live"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("v2 in shadow beside v1: 2 of 3 live cases answered", stdout, StringComparison.Ordinal);
        Assert.Contains("shift=night", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await RungProcess.RunAsync(["model", "release", .. common, "--version", "v2", "--by", "qa.lead", "--min-shadow-cases", "-1"]);
        Assert.Equal(2, code);
        Assert.Contains("--min-shadow-cases", stderr, StringComparison.Ordinal);
    }

    private static async Task StoreShadowRowsAsync(string database)
    {
        var at = new DateTimeOffset(2026, 1, 5, 23, 0, 0, TimeSpan.Zero);
        await using var store = await SqliteRungStore.OpenAsync(database, TimeProvider.System);
        await store.EnsureAgentAsync(
            new AgentRecord(Agent, "uc", "acme/plant/area/line3", Stage.Shadow, at, "{}"),
            new StageChange(Agent, Stage.Shadow, Stage.Shadow, StageChangeKind.Initial, at, "test", "created", new Dictionary<string, string>()));
        await store.AppendDecisionsAsync([.. new[] { "c1", "c2", "c3" }.Select(id => new DecisionRecord(
            new Case(id, Agent, at, new FeatureVector(new Dictionary<string, double> { ["x"] = 0 })),
            new Proposal(new ProposedAction("accept"), 0.9, false, Severity.Medium, [], "v1", TimeSpan.FromMilliseconds(1)),
            Stage.Shadow,
            new PolicyDecision(Disposition.Logged, [], null),
            at,
            null))]);
        var night = new Dictionary<string, string> { ["shift"] = "night" };
        await store.AppendShadowProposalsAsync(
        [
            new ShadowProposal("c1", Agent, "v2", "v1", "accept", ShadowCallResult.Answered, "accept", 0.8, false, null, TimeSpan.FromMilliseconds(2), night, at),
            new ShadowProposal("c2", Agent, "v2", "v1", "accept", ShadowCallResult.Answered, "stop_line", 0.7, true, null, TimeSpan.FromMilliseconds(3), night, at),
            new ShadowProposal("c3", Agent, "v2", "v1", "accept", ShadowCallResult.Failed, null, null, false, "boom", TimeSpan.FromMilliseconds(1), night, at),
        ]);
        await store.AppendOutcomesAsync([new StoredOutcome(new Outcome("c1", OutcomeSource.HumanAction, "accept", at, "op"), new Judgement("c1", true, null, "accept", "accept", at))]);
    }
}
