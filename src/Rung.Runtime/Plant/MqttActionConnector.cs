using System.Text.Json;
using Rung.Mqtt;
using Rung.Runtime.Connectors;
using Rung.Storage.Journal;

namespace Rung.Runtime.Plant;

/// <summary>
/// Publishes each committed action to its command topic at QoS 1 and returns only once the broker acknowledged
/// every one of them (PUBACK), so the runtime marks an action delivered only when the broker holds it. The runtime
/// calls it after the journal append and after the guard passed; it never decides anything itself.
/// While the broker is away the client keeps the messages in flight and resends them on reconnect, so delivery
/// waits rather than fails; cancelling leaves the actions undelivered in the journal, and the next start delivers
/// them again. The payload carries the case id, the idempotency key for the consumer.
/// </summary>
/// <param name="client">The connected client; it stays owned by the caller.</param>
/// <param name="commandTopic">The command topic of an action (see <see cref="PlantTopics.Command"/>).</param>
public sealed class MqttActionConnector(MqttClient client, Func<PendingAction, string> commandTopic) : IActionConnector
{
    private long _delivered;

    /// <summary>Publishes to <c>&lt;scope&gt;/rung/&lt;agent&gt;/commands/&lt;action&gt;</c>.</summary>
    public MqttActionConnector(MqttClient client, string scope)
        : this(client, a => PlantTopics.Command(scope, a.AgentId, a.Action.Name))
    {
    }

    /// <summary>How many actions the broker acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <inheritdoc />
    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            return;
        }

        foreach (var action in actions)
        {
            var line = new ActionLine(action.CaseId, action.AgentId, action.Action.Name, action.Action.Target, action.Action.Value, action.CommittedAt);
            var payload = JsonSerializer.SerializeToUtf8Bytes(line, ActionLineContext.Default.ActionLine);
            await client.PublishAsync(commandTopic(action), payload, MqttQualityOfService.AtLeastOnce, retain: false, cancellationToken).ConfigureAwait(false);
        }

        // The client has no per-message acknowledgement; draining the session waits for these PUBACKs (and any
        // other message queued before them), across reconnects.
        await client.FlushAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _delivered, actions.Count);
    }

    /// <summary>The client is the caller's; nothing to release.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
