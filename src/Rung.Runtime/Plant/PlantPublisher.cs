using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Slo;
using Rung.Storage.Journal;
using Rung.Uns;

namespace Rung.Runtime.Plant;

/// <summary>
/// Publishes one agent's proposals, alarms and retained state into the namespace, so the plant's own dashboards
/// show what Rung does. State goes out retained at QoS 1, and only when it changed; proposals and alarms at QoS 1,
/// not retained. Not thread-safe: call it from the agent's loop.
/// </summary>
/// <param name="publisher">Where messages go.</param>
/// <param name="scope">The agent's scope.</param>
/// <param name="agentId">The agent.</param>
/// <param name="time">The clock stamped on state messages.</param>
public sealed class PlantPublisher(IUnsPublisher publisher, string scope, string agentId, TimeProvider time)
{
    private readonly string _state = PlantTopics.State(scope, agentId);
    private readonly string _proposals = PlantTopics.Proposals(scope, agentId);
    private readonly string _alarms = PlantTopics.Alarms(scope, agentId);
    private (Stage Stage, DateTimeOffset Since, SloStatus Slo)? _lastState;

    /// <summary>Publishes the retained state unless the same state was published last.</summary>
    public async ValueTask PublishStateAsync(Stage stage, DateTimeOffset stageSince, SloStatus slo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slo);
        if (_lastState == (stage, stageSince, slo))
        {
            return;
        }

        var payload = PlantMessages.State(agentId, stage, stageSince, slo, time.GetUtcNow());
        await publisher.PublishAsync(_state, payload, 1, retain: true, cancellationToken).ConfigureAwait(false);
        _lastState = (stage, stageSince, slo);
    }

    /// <summary>Publishes each decided case's proposal and disposition.</summary>
    public async ValueTask PublishProposalsAsync(IEnumerable<DecisionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            await publisher.PublishAsync(_proposals, PlantMessages.Proposal(record), 1, retain: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes alarm events.</summary>
    public async ValueTask PublishAlarmsAsync(IEnumerable<AlarmEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var alarmEvent in events)
        {
            await publisher.PublishAsync(_alarms, PlantMessages.Alarm(alarmEvent), 1, retain: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
