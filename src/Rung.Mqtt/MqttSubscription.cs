namespace Rung.Mqtt;

/// <summary>One topic filter with the highest QoS the client wants to receive on it.</summary>
/// <param name="Filter">Topic filter; may contain the + and # wildcards.</param>
/// <param name="QualityOfService">Requested maximum QoS.</param>
public sealed record MqttSubscription(string Filter, MqttQualityOfService QualityOfService = MqttQualityOfService.AtLeastOnce);
