using Rung.Edge.Alarms;
using Rung.Edge.Models;
using Rung.Edge.Safety;
using Rung.Edge.Tests.Processes;
using Rung.Models;
using Rung.Registry.Signing;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Edge.Tests.Models;

/// <summary>A signed model that keeps failing is replaced by the last known-good cached version, with an alarm.</summary>
public sealed class EdgeModelHostTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new();
    private SigningKey _serverKey = null!;
    private SigningKey _pinned = null!;
    private SqliteRungStore _journal = null!;
    private EdgeModelCache _cache = null!;

    public async Task InitializeAsync()
    {
        _serverKey = SigningKey.LoadOrCreate(_dir.File("server-keys"));
        _pinned = SigningKey.FromPublicPem(_serverKey.PublicKeyPem, "test");
        Directory.CreateDirectory(_dir.File("edge"));
        _journal = await SqliteRungStore.OpenAsync(_dir.File("edge/edge.db"), _clock);
        _cache = new EdgeModelCache(_dir.File("edge"));
        var kit = new SignedModelKit(_dir.File("server-models"), _serverKey);
        await kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);
        Assert.True((await _cache.FetchAsync(kit, kit.Offer("v1"), _pinned)).Passed);
        await kit.PublishAsync("v2", SignedModelKit.FailingScript);
        Assert.True((await _cache.FetchAsync(kit, kit.Offer("v2"), _pinned)).Passed);
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        _serverKey.Dispose();
        _pinned.Dispose();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FailingChampion_AfterNFailuresInARow_IsReplacedByLastKnownGood_WithAnAlarm()
    {
        var host = (EdgeModelHost)(await EdgeModelHost.OpenAsync(SignedModelKit.AgentId, _cache, _pinned, new EdgeAlarms(_journal, _clock), 3, _clock))!;
        await using var guard = new EdgeModelGuard(host, () => null, TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.Equal("v2", guard.Version);

        for (var i = 1; i <= 2; i++)
        {
            await Assert.ThrowsAsync<ModelCallException>(async () => await guard.PredictAsync(EdgeModelCacheTests.Features()));
            Assert.Equal(i, host.ConsecutiveFailures);
            Assert.Equal("v2", guard.Version);
        }

        Assert.Empty(await _journal.GetPendingEdgeAlarmsAsync(10));
        await Assert.ThrowsAsync<ModelCallException>(async () => await guard.PredictAsync(EdgeModelCacheTests.Features()));

        Assert.Equal("v1", guard.Version);
        Assert.Equal("scrap", (await guard.PredictAsync(EdgeModelCacheTests.Features())).Action.Name);
        var alarm = Assert.Single(await _journal.GetPendingEdgeAlarmsAsync(10));
        Assert.Equal(EdgeAlarmRules.ModelReplaced, alarm.Rule);
        Assert.Equal("v2", alarm.Evidence["from"]);
        Assert.Equal("v1", alarm.Evidence["to"]);
        Assert.Contains("weights not loaded", alarm.Evidence["last_problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchdogTimeouts_CountLikeFailures_AndAnAnswerResetsTheCount()
    {
        var host = (EdgeModelHost)(await EdgeModelHost.OpenAsync(SignedModelKit.AgentId, _cache, _pinned, new EdgeAlarms(_journal, _clock), 2, _clock))!;
        await using var _ = host;

        await host.ObserveAsync(ModelFailure.Timeout, "no answer within the watchdog budget of 100 ms");
        await host.ObserveAsync(null, null);
        await host.ObserveAsync(ModelFailure.Timeout, "no answer within the watchdog budget of 100 ms");
        Assert.Equal("v2", host.Version);

        await host.ObserveAsync(ModelFailure.Timeout, "no answer within the watchdog budget of 100 ms");
        Assert.Equal("v1", host.Version);
        Assert.Equal(0, host.ConsecutiveFailures);
        Assert.Contains("Timeout", Assert.Single(await _journal.GetPendingEdgeAlarmsAsync(10)).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastKnownGoodKeepsFailing_NothingLeft_RaisesTheWatchdogAlarmOnce()
    {
        var host = (EdgeModelHost)(await EdgeModelHost.OpenAsync(SignedModelKit.AgentId, _cache, _pinned, new EdgeAlarms(_journal, _clock), 1, _clock))!;
        await using var _ = host;

        await host.ObserveAsync(ModelFailure.Crashed, "exited");
        Assert.Equal("v1", host.Version);
        for (var i = 0; i < 5; i++)
        {
            await host.ObserveAsync(ModelFailure.Crashed, "exited");
        }

        var alarms = await _journal.GetPendingEdgeAlarmsAsync(10);
        Assert.Equal([EdgeAlarmRules.ModelReplaced, EdgeAlarmRules.Watchdog], alarms.Select(a => a.Rule));
        Assert.Equal("v1", host.Version);
    }
}
