using Rung.Core.Cases;
using Rung.Core.Slo;
using Rung.Registry.Gates;
using Rung.Runtime.Models;

namespace Rung.Registry.Tests;

public sealed class ReleaseTests
{
    [Fact]
    public async Task Release_WithoutGateOrSignature_IsRefusedListingEachReason()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var cases = RegistryFixture.Cases(500, 50);
        var v1 = await f.ReleaseFirstChampionAsync(f.TrainModelFile("a", cases));
        var v2 = await f.RegisterSignedAsync(f.TrainModelFile("b", cases), v1.Version);

        var error = await Assert.ThrowsAsync<ReleaseRefusedException>(() => f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", signatures: null));

        Assert.Contains(error.Reasons, r => r.StartsWith("no test-gate report against the champion v1", StringComparison.Ordinal));
        Assert.Contains(error.Reasons, r => r.StartsWith("no Approved electronic signature", StringComparison.Ordinal));
        Assert.Equal(v1.Version, await f.Registry.GetAliasAsync(f.AgentId, ModelAliases.Champion));

        var reviewOnly = new ApprovingSignatures("qa.lead", meaning: "Reviewed");
        await f.Registry.RecordGateAsync(Passing(f, v2.Version, v1.Version), "ml.engineer");
        var again = await Assert.ThrowsAsync<ReleaseRefusedException>(() => f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", reviewOnly));
        Assert.Contains(again.Reasons, r => r.Contains("'Reviewed'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Release_ThenRollback_RestoresExactlyThePreviousVersionAndConfiguration()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var cases = RegistryFixture.Cases(800, 60);
        var v1 = await f.ReleaseFirstChampionAsync(f.TrainModelFile("a", cases));
        var v1Files = await ReadFolderAsync(v1.Folder);
        await using var host = await VerifiedModelHost.StartAsync(f.Registry, f.AgentId, f.Alarms, f.Time);
        var probe = cases.Take(50).Select(c => new FeatureVector(c.Features)).ToList();
        var v1Answers = await AnswersAsync(host, probe);

        var v2File = f.TrainModelFile("b", cases, c => c.CorrectAction == "scrap" ? "hold_for_inspection" : c.CorrectAction);
        var v2 = await f.Registry.RegisterAsync(new ModelRegistration(f.AgentId, new ModelConfiguration(ModelArtifactKind.InProcessFile, "model.bin.json", [], 500), [v2File], ModelLineage.Unknown, v1.Version, "ml.engineer"));
        await f.Registry.SignAsync(f.AgentId, v2.Version, "ml.engineer");
        await f.Registry.RecordGateAsync(Passing(f, v2.Version, v1.Version), "ml.engineer");
        var signatures = new ApprovingSignatures("qa.lead");
        var release = await f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", signatures);
        Assert.Equal(v1.Version, release.Previous);
        Assert.Equal("qa.lead", release.Signature!.Signer);
        Assert.Equal(release.ManifestSha256, Assert.Single(signatures.Asked));
        Assert.True(await host.FollowChampionAsync());
        Assert.Equal(v2.Version, host.Version);
        Assert.NotEqual(v1Answers, await AnswersAsync(host, probe));

        var rollback = await f.Registry.RollbackAsync(f.AgentId, "line3.lead", "scrap rate rose");
        Assert.True(await host.FollowChampionAsync());

        Assert.Equal(v1.Version, rollback.Version);
        Assert.Equal(v1.Version, await f.Registry.GetAliasAsync(f.AgentId, ModelAliases.Champion));
        Assert.Equal(v1.Version, host.Version);
        Assert.Equal(v1Answers, await AnswersAsync(host, probe));
        var restored = await f.Registry.GetAsync(f.AgentId, v1.Version);
        Assert.Equal(RegistryJson.Write(v1.Configuration), RegistryJson.Write(restored!.Configuration));
        Assert.Null(restored.Configuration.TimeoutMilliseconds);
        Assert.Equal(v1Files, await ReadFolderAsync(v1.Folder));
        var events = await f.Store.GetModelEventsAsync(f.AgentId);
        Assert.Equal(["released", "released", "rolled_back"], events.Where(e => e.Kind is "released" or "rolled_back").Select(e => e.Kind));
        await Assert.ThrowsAsync<ReleaseRefusedException>(() => f.Registry.RollbackAsync(f.AgentId, "line3.lead", "again"));
    }

    [Fact]
    public async Task CheckProbation_SloBreachedInsideTheWindow_RollsBackWithAnAlarm_ButNotAfterTheWindow()
    {
        await using var f = await RegistryFixture.CreateAsync(new ReleasePolicy(true, TimeSpan.FromDays(2)));
        var cases = RegistryFixture.Cases(500, 70);
        var v1 = await f.ReleaseFirstChampionAsync(f.TrainModelFile("a", cases));
        var v2 = await f.RegisterSignedAsync(f.TrainModelFile("b", cases), v1.Version);
        await f.Registry.RecordGateAsync(Passing(f, v2.Version, v1.Version), "ml.engineer");
        await f.Registry.ReleaseAsync(f.AgentId, v2.Version, "qa.lead", new ApprovingSignatures("qa.lead"));
        await using var host = await VerifiedModelHost.StartAsync(f.Registry, f.AgentId, f.Alarms, f.Time);
        var healthy = new SloStatus(100, 97, 0.97, true, 0, SloHealth.Healthy);
        var breached = new SloStatus(100, 85, 0.85, true, 0, SloHealth.Breached);

        Assert.Null(await host.CheckProbationAsync(healthy));
        f.Time.Advance(TimeSpan.FromDays(1));
        var rollback = await host.CheckProbationAsync(breached);

        Assert.NotNull(rollback);
        Assert.Equal(v1.Version, host.Version);
        var alarm = Assert.Single(await f.Store.GetAlarmsAsync(f.AgentId, activeOnly: true, 10));
        Assert.Equal(VerifiedModelHost.ProbationRule, alarm.Rule);
        Assert.Equal(v2.Version, alarm.Evidence["from"]);
        var last = (await f.Store.GetModelEventsAsync(f.AgentId))[^1];
        Assert.Equal(("rolled_back", "system"), (last.Kind, last.Actor));

        // A later release that breaks after its probation window is not rolled back automatically.
        var v3 = await f.RegisterSignedAsync(f.TrainModelFile("c", cases), v1.Version);
        await f.Registry.RecordGateAsync(Passing(f, v3.Version, v1.Version), "ml.engineer");
        await f.Registry.ReleaseAsync(f.AgentId, v3.Version, "qa.lead", new ApprovingSignatures("qa.lead"));
        f.Time.Advance(TimeSpan.FromDays(3));
        Assert.Null(await f.Registry.CheckProbationAsync(f.AgentId, sloBroken: true, "late"));
    }

    private static GateReport Passing(RegistryFixture f, string challenger, string champion) =>
        new(f.AgentId, challenger, champion, [new GateCheck("holdout.accuracy", true, "test")], f.Time.GetUtcNow());

    private static async Task<List<string>> AnswersAsync(VerifiedModelHost host, List<FeatureVector> probe)
    {
        var answers = new List<string>();
        foreach (var p in probe)
        {
            var a = await host.PredictAsync(p);
            answers.Add($"{a.Action.Name}:{a.Confidence:R}");
        }

        return answers;
    }

    private static async Task<Dictionary<string, string>> ReadFolderAsync(string folder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            result[Path.GetRelativePath(folder, file)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        }

        return result;
    }
}
