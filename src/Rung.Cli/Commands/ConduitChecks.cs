using Rung.Governance.Conduits;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Commands;

/// <summary>
/// The conduit check of <c>rung serve</c> and <c>rung edge run</c> before they open a connection: every target (the
/// server, a broker) must be reached over a conduit declared from the process's own zone. A refusal is printed,
/// alarmed (on an edge, in its local journal's alarms) and ends the command with exit code 2.
/// </summary>
internal static class ConduitChecks
{
    /// <summary>Null when <c>rung serve</c> may go on; else its exit code. Checks the broker when one is given.</summary>
    public static Task<int?> ServeAsync(DirectoryInfo data, string? broker, CancellationToken ct) =>
        CheckAsync(data, PlantConduits.Server, [broker], CommonOptions.DatabasePath(data), ct);

    /// <summary>Null when <c>rung edge run</c> may go on; else its exit code. Checks the server and the broker.</summary>
    public static Task<int?> EdgeAsync(DirectoryInfo data, string edgeId, Uri? server, string? broker, CancellationToken ct) =>
        CheckAsync(data, PlantConduits.Edge(edgeId), [server?.ToString(), broker], EdgeRunCommand.JournalPath(data), ct);

    private static async Task<int?> CheckAsync(DirectoryInfo data, string process, string?[] targets, string alarmStore, CancellationToken ct)
    {
        PlantConduits? conduits;
        try
        {
            conduits = ConduitStartup.Load(data.FullName, Console.Error);
        }
        catch (ConduitFileException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        if (conduits is null)
        {
            return null;
        }

        foreach (var target in targets.OfType<string>())
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
            {
                continue; // the command reports a malformed address itself
            }

            var check = conduits.CheckConnect(process, uri);
            if (check.Allowed)
            {
                continue;
            }

            Console.Error.WriteLine($"Refused by the plant's conduits ({PlantConduits.PathIn(data.FullName)}): {check.Reason}. Declare the conduit or connect to a declared endpoint.");
            if (File.Exists(alarmStore) || process.StartsWith("edge:", StringComparison.Ordinal))
            {
                await using var store = await SqliteRungStore.OpenAsync(alarmStore, TimeProvider.System, ct).ConfigureAwait(false);
                await new RefusedFlowAlarms(store, store, "security", TimeProvider.System).RaiseAsync(check.Refusal(process), ct).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        return null;
    }
}
