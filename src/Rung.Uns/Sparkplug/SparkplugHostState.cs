namespace Rung.Uns.Sparkplug;

/// <summary>A host application's STATE message: <c>{"online": true, "timestamp": 1700000000000}</c>.</summary>
/// <param name="HostId">The host id from the topic.</param>
/// <param name="Online">Whether the host is online.</param>
/// <param name="Timestamp">The state's timestamp (a birth repeats its will's timestamp).</param>
public sealed record SparkplugHostState(string HostId, bool Online, DateTimeOffset Timestamp);
