using Rung.Core.Alarms;
using Rung.Core.Cases;
using Rung.Registry.Signing;
using Rung.Runtime.Models;

namespace Rung.Registry.Tests;

public sealed class SigningTests
{
    [Fact]
    public async Task Sign_ThenVerify_PassesAndRecordsTheManifestHash()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var model = await f.RegisterSignedAsync(f.TrainModelFile("a", RegistryFixture.Cases(400, 1)));

        var snapshot = await f.Registry.VerifyAsync(f.AgentId, model.Version);

        Assert.True(snapshot.Verification.Passed, string.Join("; ", snapshot.Verification.Problems));
        var stored = await f.Store.GetModelVersionAsync(f.AgentId, model.Version);
        Assert.Equal(stored!.ManifestSha256, snapshot.Verification.ManifestSha256);
        Assert.Equal(["model.bin.json", "model.json"], snapshot.Files.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("changed", "model.bin.json: changed")]
    [InlineData("added", "notes.txt: extra file")]
    [InlineData("removed", "model.bin.json: missing")]
    public async Task SwitchTo_TamperedVersion_IsRefusedNamingTheFile_AndTheLastKnownGoodKeepsDeciding(string tamper, string expected)
    {
        await using var f = await RegistryFixture.CreateAsync();
        var cases = RegistryFixture.Cases(600, 2);
        var good = await f.ReleaseFirstChampionAsync(f.TrainModelFile("good", cases));
        var next = await f.RegisterSignedAsync(f.TrainModelFile("next", cases), good.Version);
        var file = Path.Combine(next.Folder, "model.bin.json");
        switch (tamper)
        {
            case "changed":
                var bytes = await File.ReadAllBytesAsync(file);
                bytes[bytes.Length / 2] ^= 0x01;
                await File.WriteAllBytesAsync(file, bytes);
                break;
            case "added":
                await File.WriteAllTextAsync(Path.Combine(next.Folder, "notes.txt"), "not signed");
                break;
            default:
                File.Delete(file);
                break;
        }

        await using var host = await VerifiedModelHost.StartAsync(f.Registry, f.AgentId, f.Alarms, f.Time);
        var switched = await host.SwitchToAsync(next.Version);

        Assert.False(switched);
        Assert.Equal(good.Version, host.Version);
        var answer = await host.PredictAsync(new FeatureVector(cases[0].Features));
        Assert.Contains(answer.Action.Name, f.Agent.Actions.Select(a => a.Name));
        var alarm = Assert.Single(await f.Store.GetAlarmsAsync(f.AgentId, activeOnly: true, 10));
        Assert.Equal(VerifiedModelHost.IntegrityRule, alarm.Rule);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Contains(expected, alarm.Evidence["problem"], StringComparison.Ordinal);
        Assert.Contains(await f.Store.GetModelEventsAsync(f.AgentId), e => e.Kind == "load_refused" && e.Version == next.Version);
    }

    [Fact]
    public async Task SwitchTo_UnsignedVersion_IsRefused()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var cases = RegistryFixture.Cases(400, 3);
        var good = await f.ReleaseFirstChampionAsync(f.TrainModelFile("good", cases));
        var unsigned = await f.Registry.RegisterAsync(new ModelRegistration(f.AgentId, new ModelConfiguration(ModelArtifactKind.InProcessFile, "model.bin.json", []), [f.TrainModelFile("u", cases)], ModelLineage.Unknown, null, "someone"));

        await using var host = await VerifiedModelHost.StartAsync(f.Registry, f.AgentId, f.Alarms, f.Time);

        Assert.False(await host.SwitchToAsync(unsigned.Version));
        Assert.Equal(good.Version, host.Version);
        var alarm = Assert.Single(await f.Store.GetAlarmsAsync(f.AgentId, activeOnly: true, 10));
        Assert.Contains("not signed", alarm.Evidence["problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignedByAnotherKey_Fails()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var model = await f.RegisterSignedAsync(f.TrainModelFile("a", RegistryFixture.Cases(300, 4)));
        using var keys = new Rung.Testing.TempDirectory();
        using var other = SigningKey.LoadOrCreate(keys.Path);

        var snapshot = await ManifestVerifier.VerifyAsync(model.Folder, f.AgentId, model.Version, other);

        Assert.False(snapshot.Verification.Passed);
        Assert.Contains("does not verify with key", Assert.Single(snapshot.Verification.Problems), StringComparison.Ordinal);
        Assert.Empty(snapshot.Files);
    }

    [Fact]
    public void LoadOrCreate_SecondTime_ReadsTheSameKey_AndImportRejectsANonKey()
    {
        using var keys = new Rung.Testing.TempDirectory();
        using var first = SigningKey.LoadOrCreate(keys.Path);
        using var second = SigningKey.LoadOrCreate(keys.Path);
        Assert.Equal(first.KeyId, second.KeyId);
        var signature = first.Sign("abc"u8);
        Assert.True(second.Verify("abc"u8, signature));
        Assert.False(second.Verify("abd"u8, signature));

        var error = Assert.Throws<InvalidDataException>(() => SigningKey.Import(keys.Path, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
        Assert.Contains("the imported PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_VersionIdsGrowAndAreNeverReused()
    {
        await using var f = await RegistryFixture.CreateAsync();
        var file = f.TrainModelFile("a", RegistryFixture.Cases(300, 5));
        var a = await f.RegisterSignedAsync(file);
        var b = await f.RegisterSignedAsync(file, a.Version);

        Assert.Equal(("v1", "v2"), (a.Version, b.Version));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Registry.SignAsync(f.AgentId, "v1", "x"));
        Assert.Contains("already signed", error.Message, StringComparison.Ordinal);
        var lineage = await f.Registry.LineageAsync(f.AgentId, "v2");
        Assert.Equal(["v2", "v1"], lineage.Select(l => l.Version));
        Assert.Equal("ds-test", lineage[0].Lineage.DatasetId);
    }
}
