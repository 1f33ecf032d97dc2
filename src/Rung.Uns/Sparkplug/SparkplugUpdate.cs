namespace Rung.Uns.Sparkplug;

/// <summary>What one Sparkplug message changed.</summary>
/// <param name="Values">Decoded metric values, and Stale marks for every metric of a node or device that died.</param>
/// <param name="RebirthRequested">True when this message made the host send a rebirth request (NCMD).</param>
/// <param name="Problem">Why the message was rejected or ignored, naming its topic; null when it was applied.</param>
/// <param name="HostState">The parsed payload of a STATE message; null for other types.</param>
public sealed record SparkplugUpdate(
    IReadOnlyList<TagValue> Values,
    bool RebirthRequested = false,
    string? Problem = null,
    SparkplugHostState? HostState = null)
{
    /// <summary>True when the message was applied as is.</summary>
    public bool Applied => Problem is null;
}
