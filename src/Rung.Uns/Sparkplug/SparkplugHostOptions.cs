namespace Rung.Uns.Sparkplug;

/// <summary>Settings of <see cref="SparkplugHost"/>.</summary>
public sealed record SparkplugHostOptions
{
    /// <summary>
    /// How long to wait for the births after a rebirth request before asking again. Messages from the node are
    /// ignored meanwhile. Default 30 s.
    /// </summary>
    public TimeSpan RebirthRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>QoS of rebirth requests. Default 0, as the specification publishes commands.</summary>
    public int CommandQos { get; init; }
}
