using System.Text.Json;
using Rung.Mqtt;
using Rung.Runtime.Connectors;
using Rung.Storage.Journal;

namespace Rung.Runtime.Plant;

/// <summary>
/// Publishes each committed action to its command topic at QoS 1 and returns only once the broker acknowledged it
/// (PUBACK), so the runtime marks an action delivered only when the broker holds it. The runtime calls it after the
/// journal append and after the guard passed; it never decides anything itself. The payload is an
/// <see cref="ActionLine"/>: the case id is the consumer's idempotency key.
/// <para>
/// Without a deadline (<see cref="DeliverAsync"/>) the client keeps a message in flight while the broker is away and
/// resends it on reconnect, so delivery waits rather than fails; cancelling leaves the actions undelivered in the
/// journal, and the next start delivers them again. With a deadline (<see cref="DeliverByAsync"/>) the command carries
/// <c>valid_until</c>, the client withdraws the message once it is past (it is neither sent late nor resent after a
/// reconnect), and the wait for the PUBACK ends there. MQTT 3.1.1 cannot recall a PUBLISH the broker received before
/// its PUBACK was lost: that command may still reach a subscriber late, which is why it carries its deadline.
/// </para>
/// </summary>
/// <param name="client">The connected client; it stays owned by the caller. Deadlines are compared on its clock.</param>
/// <param name="commandTopic">The command topic of an action (see <see cref="PlantTopics.Command"/>).</param>
public sealed class MqttActionConnector(MqttClient client, Func<PendingAction, string> commandTopic) : IDeadlineActionConnector
{
    private long _delivered;
    private long _withdrawn;

    /// <summary>Publishes to <c>&lt;scope&gt;/rung/&lt;agent&gt;/commands/&lt;action&gt;</c>.</summary>
    public MqttActionConnector(MqttClient client, string scope)
        : this(client, a => PlantTopics.Command(scope, a.AgentId, a.Action.Name))
    {
    }

    /// <summary>How many actions the broker acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>How many actions the client withdrew because their deadline passed before the broker acknowledged them.</summary>
    public long Withdrawn => Interlocked.Read(ref _withdrawn);

    /// <inheritdoc />
    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            // Without an expiry the client never withdraws the message, so the only way out is an acknowledgement.
            await client.PublishConfirmedAsync(Message(action, null), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeliverByAsync(PendingAction action, DateTimeOffset validUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var acknowledged = await client.PublishConfirmedAsync(Message(action, validUntil), cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref acknowledged ? ref _delivered : ref _withdrawn);
        return acknowledged;
    }

    /// <summary>The client is the caller's; nothing to release.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private MqttMessage Message(PendingAction action, DateTimeOffset? validUntil)
    {
        var line = new ActionLine(action.CaseId, action.AgentId, action.Action.Name, action.Action.Target, action.Action.Value, action.CommittedAt, validUntil?.ToUniversalTime());
        var payload = JsonSerializer.SerializeToUtf8Bytes(line, ActionLineContext.Default.ActionLine);
        return new MqttMessage(commandTopic(action), payload, MqttQualityOfService.AtLeastOnce) { ExpiresAt = validUntil };
    }
}
