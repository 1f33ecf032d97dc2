using Rung.Core.Cases;
using Rung.Registry.Gates;
using Rung.Registry.Retraining;
using Rung.Runtime.Models;

namespace Rung.Registry.Tests;

public sealed class RetrainingTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "TestData", "retraining", "train_nearest_centroid.py");

    [Fact]
    public async Task Run_PythonTrainingCommand_RegistersSignsAndGatesTheChallenger_WhichThenLoadsAndDecides()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var history = RegistryFixture.Cases(1200, 80);
        // The champion never learned to stop the line; the retrained model, on correct labels, should beat it.
        var v1 = await f.ReleaseFirstChampionAsync(f.TrainModelFile("pilot", history, c => c.CorrectAction == "stop_line" ? "accept" : c.CorrectAction));
        var pipeline = new RetrainingPipeline(f.Registry, new ProcessTrainingRunner("python3", [Script, "{dataset}", "{output}"], TimeSpan.FromMinutes(2)), Path.Combine(f.DataPath, "retraining"), f.Time);
        // The gate's latency check times a Python process on wall clocks; the pipeline, not the machine's load, is
        // what this test is about, so the budget is set far above any scheduling delay (the gate's latency check has
        // its own tests).
        var agent = f.Agent with { Slo = f.Agent.Slo with { LatencyBudget = TimeSpan.FromSeconds(30) } };
        var request = new RetrainingRequest(
            agent, RetrainingTrigger.AccuracyBreach, "system", history, RegistryFixture.Cases(300, 81), RegistryFixture.Cases(150, 82),
            new GateOptions { RobustnessCases = 10, SliceKeys = ["shift"] },
            c => new Dictionary<string, string> { ["shift"] = c.OccurredAt.Minute % 2 == 0 ? "day" : "night" });

        var result = await pipeline.RunAsync(request);

        Assert.True(result.Gate.Passed, string.Join("; ", result.Gate.FailedChecks.Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Equal("v2", result.Challenger.Version);
        Assert.Equal(v1.Version, result.Challenger.Record.ParentVersion);
        Assert.Equal(ModelArtifactKind.ProcessBundle, result.Challenger.Configuration.Kind);
        Assert.Equal(result.Snapshot.Id, result.Challenger.Lineage.DatasetId);
        Assert.Equal(result.Snapshot.Sha256, result.Challenger.Lineage.DatasetSha256);
        Assert.StartsWith("sha256:", result.Challenger.Lineage.CodeVersion, StringComparison.Ordinal);
        Assert.True(result.Challenger.Lineage.Metrics["training_accuracy"] > 0.8);
        Assert.Equal("AccuracyBreach", result.Challenger.Lineage.Trigger);
        Assert.Equal(1201, File.ReadAllLines(result.Snapshot.DataPath).Length);
        Assert.Equal("v2", await f.Registry.GetAliasAsync(f.AgentId, ModelAliases.Challenger));

        // Regulated: the gate alone does not release it.
        await Assert.ThrowsAsync<ReleaseRefusedException>(() => f.Registry.ReleaseAsync(f.AgentId, "v2", "system", signatures: null));
        await f.Registry.ReleaseAsync(f.AgentId, "v2", "qa.lead", new ApprovingSignatures("qa.lead"));
        await using var host = await VerifiedModelHost.StartAsync(f.Registry, f.AgentId, f.Alarms, f.Time);
        var worn = history.First(c => c.CorrectAction == "stop_line");
        var answer = await host.PredictAsync(new FeatureVector(worn.Features));
        Assert.Equal(("v2", "stop_line"), (host.Version, answer.Action.Name));
    }

    [Fact]
    public async Task Export_SameCases_GiveTheSameHash()
    {
        using var dir = new Rung.Testing.TempDirectory();
        var cases = RegistryFixture.Cases(50, 90);
        var provenance = new DatasetProvenance("a", RetrainingTrigger.Person, "test", null, null, DateTimeOffset.UnixEpoch);
        var a = await DatasetExporter.ExportAsync(Path.Combine(dir.Path, "a"), cases, ["tool_wear", "vibration_rms"], provenance);
        var b = await DatasetExporter.ExportAsync(Path.Combine(dir.Path, "b"), cases, ["tool_wear", "vibration_rms"], provenance);
        var c = await DatasetExporter.ExportAsync(Path.Combine(dir.Path, "c"), cases.Skip(1).ToList(), ["tool_wear", "vibration_rms"], provenance);

        Assert.Equal(a.Sha256, b.Sha256);
        Assert.NotEqual(a.Sha256, c.Sha256);
        Assert.Contains("\"provenance\"", await File.ReadAllTextAsync(Path.Combine(a.Folder, DatasetSnapshot.DescriptionFile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_CommandOverItsTimeout_IsStoppedWithAClearError()
    {
        using var dir = new Rung.Testing.TempDirectory();
        var snapshot = await DatasetExporter.ExportAsync(dir.Path, RegistryFixture.Cases(5, 91), ["tool_wear"], new DatasetProvenance("a", RetrainingTrigger.Schedule, "test", null, null, DateTimeOffset.UnixEpoch));
        var runner = new ProcessTrainingRunner("python3", ["-c", "import time; time.sleep(60)"], TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<TrainingFailedException>(() => runner.TrainAsync(snapshot, Path.Combine(dir.Path, "out")));

        Assert.Contains("did not finish within", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_CommandThatFails_ReportsItsExitCodeAndStderr()
    {
        using var dir = new Rung.Testing.TempDirectory();
        var snapshot = await DatasetExporter.ExportAsync(dir.Path, RegistryFixture.Cases(5, 92), ["tool_wear"], new DatasetProvenance("a", RetrainingTrigger.Schedule, "test", null, null, DateTimeOffset.UnixEpoch));
        var runner = new ProcessTrainingRunner("python3", ["-c", "import sys; sys.stderr.write('no GPU here'); sys.exit(4)"], TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<TrainingFailedException>(() => runner.TrainAsync(snapshot, Path.Combine(dir.Path, "out")));

        Assert.Contains("exited with code 4: no GPU here", error.Message, StringComparison.Ordinal);
    }
}
