namespace Rung.Edge.Alarms;

/// <summary>The rules of alarms an edge raises; on the server they land in the agent's alarm book under these names.</summary>
public static class EdgeAlarmRules
{
    /// <summary>A cached or fetched model version failed verification (a changed, truncated, missing or extra file, a bad signature).</summary>
    public const string ModelIntegrity = "edge.model.integrity";

    /// <summary>A model that kept failing was replaced by the last known-good version.</summary>
    public const string ModelReplaced = "edge.model.replaced";

    /// <summary>A model keeps failing and there is no other verified version to replace it with.</summary>
    public const string Watchdog = "edge.watchdog";

    /// <summary>The forwarding buffer passed its alarm threshold.</summary>
    public const string Buffer = "edge.buffer";
}
