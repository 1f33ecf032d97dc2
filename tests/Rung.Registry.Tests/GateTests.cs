using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Models;
using Rung.Models.Softmax;
using Rung.Registry.Gates;

namespace Rung.Registry.Tests;

public sealed class GateTests
{
    private static readonly GateOptions Options = new() { SliceKeys = ["shift"], RobustnessCases = 20 };

    [Fact]
    public async Task Evaluate_WorseChallenger_IsRejectedWithItsReasonsListed()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var train = RegistryFixture.Cases(1500, 10);
        var champion = Load(f.TrainModelFile("good", train), "v1");
        // The worse model never learned to stop the line: it accepts parts that needed a stop.
        var worse = Load(f.TrainModelFile("worse", train, c => c.CorrectAction == "stop_line" ? "accept" : c.CorrectAction), "v2");
        var holdout = RegistryFixture.GateCases(RegistryFixture.Cases(400, 11));
        var production = RegistryFixture.GateCases(RegistryFixture.Cases(200, 12));

        var report = await new ChallengerGate(f.Agent, Options, new SteppingClock()).EvaluateAsync(champion, worse, holdout, production);

        Assert.False(report.Passed);
        var failed = report.FailedChecks.Select(c => c.Name).ToList();
        Assert.Contains("holdout.accuracy", failed);
        Assert.Contains("production.accuracy", failed);
        Assert.Contains("high_severity_errors", failed);
        Assert.Contains(failed, n => n.StartsWith("slice.shift=", StringComparison.Ordinal));
        Assert.All(report.FailedChecks, c => Assert.Contains("challenger", c.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_BetterChallenger_Passes_AndTheReportIsStoredAsEvidence()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var train = RegistryFixture.Cases(1500, 20);
        var weak = Load(f.TrainModelFile("weak", train, c => c.CorrectAction == "stop_line" ? "accept" : c.CorrectAction), "v1");
        var good = Load(f.TrainModelFile("good", train), "v2");
        var report = await new ChallengerGate(f.Agent, Options, new SteppingClock()).EvaluateAsync(
            weak, good, RegistryFixture.GateCases(RegistryFixture.Cases(400, 21)), RegistryFixture.GateCases(RegistryFixture.Cases(200, 22)));

        Assert.True(report.Passed, string.Join("; ", report.FailedChecks.Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Contains(report.Checks, c => c.Name == "robustness");
        Assert.Contains(report.Checks, c => c.Name == "latency.p99");

        var file = f.TrainModelFile("stored", train);
        var v1 = await f.RegisterSignedAsync(file);
        var v2 = await f.RegisterSignedAsync(file, v1.Version);
        await f.Registry.RecordGateAsync(report with { Champion = v1.Version, Challenger = v2.Version }, "ml.engineer");
        var evidence = Assert.Single(await f.Store.GetModelEvidenceAsync(f.AgentId, v2.Version));
        Assert.True(evidence.Passed);
        Assert.Equal(report.Checks.Count, GateReport.FromJson(evidence.Json).Checks.Count);
    }

    [Fact]
    public async Task Evaluate_ChallengerThatCrashesOnMissingInputsOrAnswersNonsense_FailsRobustness()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var train = RegistryFixture.Cases(800, 30);
        var champion = Load(f.TrainModelFile("good", train), "v1");
        var inner = Load(f.TrainModelFile("inner", train), "v2");
        var fragile = new FakeModel("v2", features =>
        {
            if (features.Values.Count < 7)
            {
                throw new ModelCallException(ModelFailure.Crashed, "KeyError: a missing input");
            }

            var answer = inner.Predict(features);
            return features.Values["tool_wear"] > 2000 ? answer with { Action = new ProposedAction("explode") } : answer;
        });

        var report = await new ChallengerGate(f.Agent, Options, new SteppingClock()).EvaluateAsync(champion, fragile, RegistryFixture.GateCases(RegistryFixture.Cases(100, 31)), []);

        var robustness = Assert.Single(report.Checks, c => c.Name == "robustness");
        Assert.False(robustness.Passed);
        Assert.Contains("failed", robustness.Detail, StringComparison.Ordinal);
        Assert.Contains(report.Checks, c => c.Name == "holdout.accuracy" && c.Passed);
    }

    [Fact]
    public async Task Evaluate_ChallengerOverTheLatencyBudget_FailsLatency()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var train = RegistryFixture.Cases(800, 40);
        var champion = Load(f.TrainModelFile("good", train), "v1");
        var inner = Load(f.TrainModelFile("inner", train), "v2");
        var clock = new SteppingClock();
        var slow = new FakeModel("v2", inner.Predict, clock, TimeSpan.FromMilliseconds(250));

        var report = await new ChallengerGate(f.Agent, Options, clock).EvaluateAsync(champion, slow, RegistryFixture.GateCases(RegistryFixture.Cases(100, 41)), []);

        var latency = Assert.Single(report.Checks, c => c.Name == "latency.p99");
        Assert.False(latency.Passed);
        Assert.Contains("p99 250 ms", latency.Detail, StringComparison.Ordinal);
    }

    private static InProcessModelAdapter Load(string path, string version)
    {
        using var stream = File.OpenRead(path);
        return new InProcessModelAdapter(SoftmaxRegressionModel.Load(stream), version);
    }
}
