namespace Rung.Mqtt;

/// <summary>A change of <see cref="MqttClient.State"/>.</summary>
/// <param name="State">The new state.</param>
/// <param name="Error">Why the connection was lost or an attempt failed; null on a planned change.</param>
/// <param name="SessionPresent">On <see cref="MqttConnectionState.Connected"/>: whether the broker resumed the stored session.</param>
public sealed record MqttConnectionStateChangedEventArgs(MqttConnectionState State, Exception? Error, bool SessionPresent = false);
