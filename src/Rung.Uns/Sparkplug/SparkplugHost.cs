using Google.Protobuf;
using Rung.Uns.Sparkplug.Wire;

namespace Rung.Uns.Sparkplug;

/// <summary>
/// The host-application side of Sparkplug B: tracks each edge node's session (metric names and aliases from its
/// births, seq and bdSeq), resolves aliases in data, and turns every message into tag values. It never guesses: on
/// a seq gap, an unknown alias or metric, data before a birth or a birth without bdSeq it drops the message and asks
/// the node for a rebirth (one NCMD, repeated only after <see cref="SparkplugHostOptions.RebirthRetryAfter"/>).
/// A death whose bdSeq matches the current birth marks all the node's (or device's) metrics Stale; one from an
/// earlier connection is ignored. Garbage never throws: it comes back as <see cref="SparkplugUpdate.Problem"/>.
/// Not thread-safe: feed it from one receive loop, in arrival order.
/// </summary>
public sealed class SparkplugHost(IUnsPublisher publisher, TimeProvider timeProvider, SparkplugHostOptions? options = null)
{
    private readonly SparkplugHostOptions settings = options ?? new SparkplugHostOptions();
    private readonly Dictionary<(string Group, string Edge), EdgeNodeSession> sessions = [];

    /// <summary>How many rebirth requests were sent.</summary>
    public int RebirthRequests { get; private set; }

    /// <summary>Applies one message from the <c>spBv1.0/#</c> namespace.</summary>
    public async ValueTask<SparkplugUpdate> HandleAsync(UnsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!SparkplugTopic.TryParse(message.Topic, out var topic, out var problem))
        {
            return Refused(message.Topic, problem!);
        }

        switch (topic!.Type)
        {
            case SparkplugMessageType.State:
                return SparkplugStateReader.Read(message, topic.HostId!);
            case SparkplugMessageType.NodeCommand or SparkplugMessageType.DeviceCommand:
                return Refused(message.Topic, "a command to an edge node, not data; ignored");
        }

        Payload payload;
        try
        {
            payload = Payload.Parser.ParseFrom(message.Payload.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Refused(message.Topic, $"not a Sparkplug B payload: {e.Message}");
        }

        var session = Session(topic);
        if (session.RebirthRequestedAt is { } askedAt && topic.Type != SparkplugMessageType.NodeBirth)
        {
            if (timeProvider.GetUtcNow() - askedAt < settings.RebirthRetryAfter)
            {
                return Refused(message.Topic, "waiting for the births after a rebirth request; ignored");
            }

            await RequestRebirthAsync(session, cancellationToken).ConfigureAwait(false);
            return Refused(message.Topic, "still no births after a rebirth request; rebirth requested again", rebirth: true);
        }

        var step = new SparkplugSessionStep(session, topic, payload, message).Apply();
        if (step.Rebirth)
        {
            await RequestRebirthAsync(session, cancellationToken).ConfigureAwait(false);
            return Refused(message.Topic, step.Problem + "; rebirth requested", rebirth: true);
        }

        return new SparkplugUpdate(step.Values, Problem: step.Problem is null ? null : $"{message.Topic}: {step.Problem}");
    }

    /// <summary>
    /// Marks every metric of every online node Stale, for when the connection to the broker is lost; the nodes
    /// count as offline until their next birth, so data arriving first triggers a rebirth request.
    /// </summary>
    public IReadOnlyList<TagValue> ConnectionLost(DateTimeOffset at)
    {
        var values = new List<TagValue>();
        foreach (var session in sessions.Values.Where(s => s.Born))
        {
            values.AddRange(session.Paths(null).Select(path => new TagValue(path, null, null, at, TagQuality.Stale)));
            session.Death();
        }

        return values;
    }

    private static SparkplugUpdate Refused(string topic, string problem, bool rebirth = false) =>
        new([], rebirth, $"{topic}: {problem}");

    private EdgeNodeSession Session(SparkplugTopic topic)
    {
        if (!sessions.TryGetValue((topic.Group, topic.EdgeNode), out var session))
        {
            session = new EdgeNodeSession(topic.Group, topic.EdgeNode);
            sessions[(topic.Group, topic.EdgeNode)] = session;
        }

        return session;
    }

    private async ValueTask RequestRebirthAsync(EdgeNodeSession session, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var topic = SparkplugTopic.NodeCommandTopic(session.Group, session.EdgeNode);
        await publisher.PublishAsync(topic, SparkplugCommands.Rebirth(now), settings.CommandQos, retain: false, cancellationToken).ConfigureAwait(false);
        session.RebirthRequestedAt = now;
        RebirthRequests++;
    }
}
