namespace Rung.Mqtt.Client;

/// <summary>Where an outgoing QoS 1 or 2 message stands in its handshake.</summary>
internal enum InflightState
{
    AwaitingPubAck,
    AwaitingPubRec,
    AwaitingPubComp,
}
