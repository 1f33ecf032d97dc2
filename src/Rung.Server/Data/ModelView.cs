using Rung.Registry;
using Rung.Storage.Registry;

namespace Rung.Server.Data;

/// <summary>What the Models page shows for one agent.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Scope">Its ISA-95 scope.</param>
/// <param name="Champion">The champion version, or null.</param>
/// <param name="Challenger">The challenger version, or null.</param>
/// <param name="Release">The release or rollback that made the champion, or null.</param>
/// <param name="Versions">Every version, newest first.</param>
/// <param name="Events">The registry's log of the agent, newest first (at most <see cref="ModelConsole.EventLimit"/>).</param>
public sealed record ModelView(
    string AgentId,
    string Scope,
    string? Champion,
    string? Challenger,
    ReleaseRecord? Release,
    IReadOnlyList<ModelVersionView> Versions,
    IReadOnlyList<ModelEvent> Events);
