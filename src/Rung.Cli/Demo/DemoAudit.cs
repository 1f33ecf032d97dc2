using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>The demo's audit duties: a signed checkpoint of the audit chain at the end of every simulated day.</summary>
internal static class DemoAudit
{
    /// <summary>The files of the audit chain that a fresh demo database makes stale.</summary>
    public const string CheckpointFileName = "audit-checkpoints.jsonl";

    public static async Task CheckpointAsync(SqliteRungStore store, string data, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(data));
        await new AuditCheckpointer(store, key, GovernancePaths.CheckpointFile(data), clock).CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }
}
