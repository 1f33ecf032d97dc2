using Rung.Core.Cases;
using Rung.Edge.Alarms;
using Rung.Edge.Hosting;
using Rung.Edge.Models;
using Rung.Edge.Tests.Processes;
using Rung.Models;
using Rung.Registry.Signing;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Edge.Tests.Models;

/// <summary>The edge's signed-model cache: fetched and verified before it is kept, verified again at every start, a corrupted copy refused.</summary>
public sealed class EdgeModelCacheTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new();
    private SigningKey _serverKey = null!;
    private SigningKey _pinned = null!;
    private SignedModelKit _kit = null!;
    private SqliteRungStore _journal = null!;
    private EdgeModelCache _cache = null!;
    private EdgeAlarms _alarms = null!;

    private string EdgeData => _dir.File("edge");

    public async Task InitializeAsync()
    {
        _serverKey = SigningKey.LoadOrCreate(_dir.File("server-keys"));
        _pinned = SigningKey.FromPublicPem(_serverKey.PublicKeyPem, "test");
        _kit = new SignedModelKit(_dir.File("server-models"), _serverKey);
        Directory.CreateDirectory(EdgeData);
        _journal = await SqliteRungStore.OpenAsync(Path.Combine(EdgeData, "edge.db"), _clock);
        _cache = new EdgeModelCache(EdgeData);
        _alarms = new EdgeAlarms(_journal, _clock);
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        _serverKey.Dispose();
        _pinned.Dispose();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FetchAsync_SignedVersion_IsVerifiedCachedAndDecidesWithoutTheServer()
    {
        await _kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);

        var fetch = await _cache.FetchAsync(_kit, _kit.Offer("v1"), _pinned);

        Assert.True(fetch.Passed, string.Join("; ", fetch.Problems));
        Assert.True(fetch.Downloaded);
        Assert.True(File.Exists(Path.Combine(_cache.FolderOf(SignedModelKit.AgentId, "v1"), "model.py")));
        Assert.Equal("v1", (await _cache.LoadStateAsync(SignedModelKit.AgentId)).Champion);

        // A second start finds the verified copy and downloads nothing.
        var downloads = _kit.Downloads;
        Assert.False((await _cache.FetchAsync(_kit, _kit.Offer("v1"), _pinned)).Downloaded);
        Assert.Equal(downloads, _kit.Downloads);

        await using var model = await OpenAsync();
        Assert.Equal("v1", model.Version);
        Assert.Equal("scrap", (await model.PredictAsync(Features())).Action.Name);
        Assert.Empty(await _journal.GetPendingEdgeAlarmsAsync(10));
    }

    [Fact]
    public async Task FetchAsync_BytesChangedOnTheWay_IsRefusedAndNothingCached()
    {
        await _kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);
        _kit.Tamper = (path, bytes) => path == "model.py" ? [.. bytes, (byte)'\n'] : bytes;

        var fetch = await _cache.FetchAsync(_kit, _kit.Offer("v1"), _pinned);

        Assert.False(fetch.Passed);
        Assert.Contains(fetch.Problems, p => p.StartsWith("model.py:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_cache.FolderOf(SignedModelKit.AgentId, "v1")));
        Assert.Null((await _cache.LoadStateAsync(SignedModelKit.AgentId)).Champion);
    }

    [Fact]
    public async Task FetchAsync_SignedByAnotherKey_IsRefused()
    {
        using var other = SigningKey.LoadOrCreate(_dir.File("other-keys"));
        var kit = new SignedModelKit(_dir.File("other-models"), other);
        await kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);

        var fetch = await _cache.FetchAsync(kit, kit.Offer("v1"), _pinned);

        Assert.False(fetch.Passed);
        Assert.Contains(fetch.Problems, p => p.StartsWith(ModelManifest.SignatureFileName, StringComparison.Ordinal) && p.Contains(_pinned.KeyId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    public async Task OpenAsync_CachedChampionCorrupted_IsRefused_LastKnownGoodDecides_AlarmNamesTheFile(string damage)
    {
        await _kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);
        Assert.True((await _cache.FetchAsync(_kit, _kit.Offer("v1"), _pinned)).Passed);
        await _kit.PublishAsync("v2", EdgeProcessFixture.ModelScript.Replace("0.99", "0.98", StringComparison.Ordinal));
        Assert.True((await _cache.FetchAsync(_kit, _kit.Offer("v2"), _pinned)).Passed);
        Damage(Path.Combine(_cache.FolderOf(SignedModelKit.AgentId, "v2"), "model.py"), damage);

        await using var model = await OpenAsync();

        Assert.Equal("v1", model.Version);
        Assert.Equal(0.99, (await model.PredictAsync(Features())).Confidence);
        var alarm = Assert.Single(await _journal.GetPendingEdgeAlarmsAsync(10));
        Assert.Equal(EdgeAlarmRules.ModelIntegrity, alarm.Rule);
        Assert.Equal("model.py", alarm.Evidence["file"]);
        Assert.Equal("v2", alarm.Evidence["version"]);
        Assert.Equal("v1", alarm.Evidence["kept"]);
        Assert.Contains("model.py: changed", alarm.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_CachedCopyCorrupted_ServerThere_IsSetAsideFetchedAgainAndAlarmed()
    {
        await _kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);
        using (var first = await EdgeSignedModels.PrepareAsync(EdgeData, _kit, null, [SignedModelKit.AgentId], _alarms, 3, _clock, _ => { }))
        {
            Assert.Equal(_serverKey.KeyId, first.KeyId);
        }

        Damage(Path.Combine(_cache.FolderOf(SignedModelKit.AgentId, "v1"), "model.py"), "flip");
        using var second = await EdgeSignedModels.PrepareAsync(EdgeData, _kit, null, [SignedModelKit.AgentId], _alarms, 3, _clock, _ => { });
        await using var model = await second.OpenAsync(SignedModelKit.AgentId);

        Assert.NotNull(model);
        Assert.Equal("v1", model.Version);
        Assert.Single(Directory.GetDirectories(_cache.AgentFolder(SignedModelKit.AgentId), ".refused-v1-*"));
        var alarm = Assert.Single(await _journal.GetPendingEdgeAlarmsAsync(10));
        Assert.Equal("model.py", alarm.Evidence["file"]);
    }

    [Fact]
    public async Task PrepareAsync_NoServer_NoPinnedKey_CachedVersions_AreNotLoaded()
    {
        await _kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);
        Assert.True((await _cache.FetchAsync(_kit, _kit.Offer("v1"), _pinned)).Passed);

        using var models = await EdgeSignedModels.PrepareAsync(EdgeData, null, null, [SignedModelKit.AgentId], _alarms, 3, _clock, _ => { });
        await using var model = await models.OpenAsync(SignedModelKit.AgentId);

        Assert.Null(models.KeyId);
        Assert.IsType<UnavailableModel>(model);
        var failure = await Assert.ThrowsAsync<ModelCallException>(async () => await model!.PredictAsync(Features()));
        Assert.Contains("--server-key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_ServerAnnouncesAnotherKeyThanThePinned_ItsModelsAreRefused()
    {
        var pinnedPath = EdgeTrustKey.PinnedPath(EdgeData);
        Directory.CreateDirectory(Path.GetDirectoryName(pinnedPath)!);
        using var operatorKey = SigningKey.LoadOrCreate(_dir.File("operator-keys"));
        await File.WriteAllTextAsync(_dir.File("operator.pub.pem"), operatorKey.PublicKeyPem);
        await _kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);

        using var models = await EdgeSignedModels.PrepareAsync(EdgeData, _kit, new FileInfo(_dir.File("operator.pub.pem")), [SignedModelKit.AgentId], _alarms, 3, _clock, _ => { });

        Assert.Equal(operatorKey.KeyId, models.KeyId);
        Assert.Equal(operatorKey.PublicKeyPem, await File.ReadAllTextAsync(pinnedPath));
        Assert.Null(await models.OpenAsync(SignedModelKit.AgentId));
        var alarm = Assert.Single(await _journal.GetPendingEdgeAlarmsAsync(10));
        Assert.Contains("re-pin with --server-key", alarm.Title, StringComparison.Ordinal);
    }

    internal static void Damage(string path, string how)
    {
        var bytes = File.ReadAllBytes(path);
        if (how == "flip")
        {
            bytes[bytes.Length / 2] ^= 0x20;
        }
        else
        {
            Array.Resize(ref bytes, bytes.Length - 7);
        }

        File.WriteAllBytes(path, bytes);
    }

    internal static FeatureVector Features() => new(new Dictionary<string, double> { ["answer"] = 1 });

    private async Task<Rung.Models.IModelAdapter> OpenAsync() =>
        await EdgeModelHost.OpenAsync(SignedModelKit.AgentId, _cache, _pinned, _alarms, 3, _clock) ?? throw new InvalidOperationException("nothing cached");
}
