using System.Text;
using Rung.Core.Ladder;
using Rung.Edge.Hosting;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Storage.Audit;
using Rung.Storage.Edge;
using Rung.Testing;

namespace Rung.Edge.Tests;

public sealed class HostingTests
{
    [Fact]
    public void StopTopic_ReadsAStopWithItsScopeActorAndReason_AndRefusesOneWithoutReason()
    {
        var at = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
        var stop = EdgeStopTopic.Parse(Encoding.UTF8.GetBytes("""{"scope":"acme/dortmund/machining/line3","stopped":true,"actor":"line3.lead","reason":"tool change"}"""), at);

        Assert.Equal(new StopEvent(0, "acme/dortmund/machining/line3", true, at, "line3.lead", "tool change", "broker"), stop);
        var ex = Assert.Throws<FormatException>(() => EdgeStopTopic.Parse(Encoding.UTF8.GetBytes("""{"scope":"acme","stopped":false}"""), at));
        Assert.Contains("'reason'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => EdgeStopTopic.Parse(Encoding.UTF8.GetBytes("not json"), at));
    }

    [Fact]
    public async Task ConfigCache_RoundTrips_AndNamesTheFileWhenItIsDamaged()
    {
        using var dir = new TempDirectory();
        Assert.Null(await EdgeConfigCache.LoadAsync(dir.Path));
        EdgeAgentConfig[] agents = [new("line3-quality", EdgeFixture.Scope, 3, Stage.AutoWithExceptions, "usecase: {}")];

        await EdgeConfigCache.SaveAsync(dir.Path, agents);

        Assert.Equal(agents, await EdgeConfigCache.LoadAsync(dir.Path));
        await File.WriteAllTextAsync(dir.File(EdgeConfigCache.FileName), "{ torn");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => EdgeConfigCache.LoadAsync(dir.Path));
        Assert.Contains(EdgeConfigCache.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopFeed_AppliesALocalStopWrittenToTheJournal_AndMirrorsTheServersOnce()
    {
        await using var fixture = new EdgeFixture();
        await fixture.OpenAsync();
        var feed = new EdgeStopFeed(fixture.Edge, new StopsServer(fixture.Server), fixture.Stops, fixture.Clock);
        await fixture.Server.AppendStopAsync(new StopEvent(0, "agent:line3-quality", true, fixture.Clock.GetUtcNow(), "owner", "audit", "server"));

        await feed.PollOnceAsync();
        await feed.PollOnceAsync();

        Assert.NotNull(fixture.Stops.StoppedBy("line3-quality", EdgeFixture.Scope));
        Assert.Single(await fixture.Edge.GetStopsAsync(0));
        await fixture.Edge.AppendStopAsync(new StopEvent(0, "agent:line3-quality", false, fixture.Clock.GetUtcNow(), "owner", "audit done", "local"));
        await feed.PollOnceAsync();
        Assert.Null(fixture.Stops.StoppedBy("line3-quality", EdgeFixture.Scope));

        // Each stop and restart is audited with it, once, on the store that took it (a mirrored copy is not a second act).
        var serverTrail = await fixture.Server.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch"));
        var edgeTrail = await fixture.Edge.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch"));
        Assert.Single(serverTrail);
        Assert.Equal("stop", serverTrail[0].Action);
        Assert.Equal(["stop", "restart"], edgeTrail.Select(e => e.Action).ToArray());
    }

    private sealed class StopsServer(Storage.Sqlite.SqliteRungStore server) : IEdgeServer
    {
        public Task<int> ForwardAsync(string edgeId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task<DateTimeOffset> HeartbeatAsync(EdgeHeartbeat heartbeat, CancellationToken cancellationToken = default) => Task.FromResult(DateTimeOffset.UnixEpoch);

        public Task<IReadOnlyList<EdgeAgentConfig>> GetConfigAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<EdgeAgentConfig>>([]);

        public async Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default) =>
            [.. (await server.GetStopsAsync(after, cancellationToken)).Select(s => s with { RemoteId = s.Id })];
    }
}
