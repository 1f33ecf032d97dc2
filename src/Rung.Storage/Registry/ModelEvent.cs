namespace Rung.Storage.Registry;

/// <summary>One change in the registry, kept forever: registered, signed, alias set, released, rolled back, load refused.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The version it concerns.</param>
/// <param name="Kind">What happened, for example <c>released</c> or <c>rolled_back</c>.</param>
/// <param name="Actor">Who did it (<c>system</c> for an automatic action).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Detail">JSON with the particulars (previous version, signer, reason, ...).</param>
/// <param name="Id">The event's position in the log; 0 before it is stored.</param>
public sealed record ModelEvent(string AgentId, string Version, string Kind, string Actor, DateTimeOffset At, string Detail, long Id = 0);
