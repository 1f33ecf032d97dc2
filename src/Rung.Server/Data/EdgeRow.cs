using Rung.Storage.Edge;

namespace Rung.Server.Data;

/// <summary>One edge as the Edges page shows it: its last heartbeat read against the plant's clock, its agents and the stops in force over it.</summary>
/// <param name="Health">The last heartbeat as the server stored it.</param>
/// <param name="Age">How long ago the server heard from it, on the plant's clock; zero when the plant's clock is behind the heartbeat.</param>
/// <param name="Stale">True when <paramref name="Age"/> is over <see cref="EdgeConsole.StaleAfter"/>: the edge may be off or cut off.</param>
/// <param name="BufferShare">The buffer's share of the edge's disk budget (<see cref="EdgeConsole.BufferBudget"/>), 0 to 1 and over.</param>
/// <param name="Agents">The agents published to the edge's zone, with the model version the edge reports for each.</param>
/// <param name="Stops">The stop events in force over the edge (its agents, its zone or above, or a part of its zone), newest first.</param>
/// <param name="StopScopes">The scopes the viewer may stop or restart from this edge's row; empty for a read-only viewer.</param>
public sealed record EdgeRow(
    EdgeHealth Health,
    TimeSpan Age,
    bool Stale,
    double BufferShare,
    IReadOnlyList<EdgeAgentRow> Agents,
    IReadOnlyList<StopEvent> Stops,
    IReadOnlyList<EdgeStopScope> StopScopes);
