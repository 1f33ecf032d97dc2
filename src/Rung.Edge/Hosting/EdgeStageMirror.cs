using System.Globalization;
using Rung.Core.Ladder;
using Rung.Storage;

namespace Rung.Edge.Hosting;

/// <summary>
/// Keeps the stage in an edge's journal equal to the server's. The journal's agent row is what a runtime starts from,
/// so a stage learned from the server is written there (with its audit entry, in one transaction) before anything
/// decides on it: a restart with the server away decides on the last stage the edge learned. The server is the only
/// authority: outcomes for edge cases stay on the server, so an edge holds no evidence of its own to disagree with.
/// </summary>
public static class EdgeStageMirror
{
    /// <summary>The actor recorded on a stage change the edge took from the server.</summary>
    public const string Actor = "server";

    /// <summary>
    /// Records <paramref name="serverStage"/> as the agent's stage in <paramref name="journal"/> when it differs. Returns
    /// the change recorded, or null when the journal already holds that stage or does not know the agent yet (it is then
    /// created on the server's stage at start).
    /// </summary>
    /// <param name="journal">The edge's journal.</param>
    /// <param name="agentId">The agent.</param>
    /// <param name="serverStage">The server's stage for it.</param>
    /// <param name="configVersion">The published configuration's version, recorded as evidence.</param>
    /// <param name="edgeId">The edge, recorded as evidence.</param>
    /// <param name="time">The clock the change is stamped with.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public static async Task<StageChange?> RecordAsync(IRungStore journal, string agentId, Stage serverStage, int configVersion, string edgeId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        for (var attempt = 0; ; attempt++)
        {
            var record = await journal.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
            if (record is null || record.Stage == serverStage)
            {
                return null;
            }

            var change = new StageChange(agentId, record.Stage, serverStage, KindOf(record.Stage, serverStage), time.GetUtcNow(), Actor, $"the server holds the agent on {serverStage} (edge configuration version {configVersion.ToString(CultureInfo.InvariantCulture)}); the edge {edgeId} decides on it", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["source"] = Actor,
                ["edge"] = edgeId,
                ["config_version"] = configVersion.ToString(CultureInfo.InvariantCulture),
            });
            try
            {
                await journal.AppendStageChangeAsync(change, cancellationToken).ConfigureAwait(false);
                return change;
            }
            catch (InvalidOperationException) when (attempt == 0)
            {
                // The runtime changed the stage between the read and the write; read again and retry once.
            }
        }
    }

    private static StageChangeKind KindOf(Stage from, Stage to) =>
        TrustLadder.IsOnLadder(from) && TrustLadder.IsOnLadder(to) ? (to > from ? StageChangeKind.Promotion : StageChangeKind.Demotion) : StageChangeKind.Manual;
}
