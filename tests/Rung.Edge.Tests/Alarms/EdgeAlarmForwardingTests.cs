using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Edge.Alarms;
using Rung.Edge.Forwarding;
using Rung.Edge.Protocol;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Edge.Tests.Alarms;

/// <summary>Edge alarms reach the server's alarm book once, however often a lost answer makes the edge send them.</summary>
public sealed class EdgeAlarmForwardingTests
{
    [Fact]
    public async Task FlushAsync_AnswerLost_AlarmResent_ServerBookHasItOnce_AndPagesTheOwner()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        using var dir = new TempDirectory();
        var pages = dir.File("pages.jsonl");
        var center = new AlarmCenter(EdgeFixture.UseCase(Stage.Shadow), f.Server, new Notifier([new FileChannel(pages)]), f.Clock);
        await EdgeIngest.EnsureAgentAsync(f.Server, new EdgeConfigRecord("line3-quality", EdgeFixture.Scope, 1, "", f.Clock.GetUtcNow(), "test"), Stage.Shadow, f.Clock.GetUtcNow());
        var sink = new IngestSink(f.Server, center) { LoseAnswers = 1 };
        var alarms = new EdgeAlarms(f.Edge, f.Clock);
        var raised = await alarms.RaiseAsync("line3-quality", EdgeAlarmRules.ModelIntegrity, "v2/model.py", AlarmSeverity.Critical, "Cached model v2 refused: model.py: changed", new Dictionary<string, string> { ["file"] = "model.py" });
        var forwarder = new EdgeAlarmForwarder(f.Edge, sink, "line3-edge", f.Clock);

        await Assert.ThrowsAsync<EdgeServerException>(() => forwarder.FlushAsync());
        Assert.False(await forwarder.IsEmptyAsync());
        Assert.Equal(1, await forwarder.FlushAsync());
        Assert.True(await forwarder.IsEmptyAsync());
        Assert.Equal(0, await forwarder.FlushAsync());

        // The same condition raised again on the next start (a new edge id) opens nothing new while the first is active.
        await alarms.RaiseAsync("line3-quality", EdgeAlarmRules.ModelIntegrity, "v2/model.py", AlarmSeverity.Critical, "Cached model v2 refused: model.py: changed", new Dictionary<string, string> { ["file"] = "model.py" });
        await forwarder.FlushAsync();

        Assert.Equal(3, sink.Calls);
        var alarm = Assert.Single(await f.Server.GetAlarmsAsync("line3-quality", activeOnly: false, 100));
        Assert.Equal(EdgeAlarmRules.ModelIntegrity, alarm.Rule);
        Assert.Equal("edge.model.integrity:line3-edge:v2/model.py", alarm.Key);
        Assert.Equal(raised.Id, alarm.Evidence[EdgeAlarmIngest.EdgeAlarmIdKey]);
        Assert.Equal("model.py", alarm.Evidence["file"]);
        Assert.Equal("line3.lead", alarm.Owner);
        Assert.Contains("Cached model v2 refused", await File.ReadAllTextAsync(pages), StringComparison.Ordinal);
    }

    private sealed class IngestSink(SqliteRungStore server, AlarmCenter center) : IEdgeAlarmSink
    {
        public int LoseAnswers { get; set; }

        public int Calls { get; private set; }

        public async Task<int> SendAlarmsAsync(string edgeId, IReadOnlyList<EdgeAlarmRecord> alarms, CancellationToken cancellationToken = default)
        {
            Calls++;
            var raised = await EdgeAlarmIngest.ApplyAsync(server, center, edgeId, alarms, cancellationToken);
            if (LoseAnswers > 0)
            {
                LoseAnswers--;
                throw new EdgeServerException("answer lost");
            }

            return raised;
        }
    }
}
