using System.CommandLine;

namespace Rung.Cli.Commands;

/// <summary>Options shared by every command that keeps state.</summary>
internal static class CommonOptions
{
    /// <summary>The data folder: SQLite database, actions files, reports.</summary>
    public static Option<DirectoryInfo> Data() => new("--data")
    {
        Description = "Folder holding the SQLite database, actions and reports",
        DefaultValueFactory = _ => new DirectoryInfo("rung-data"),
    };

    /// <summary>Opens the store of an existing data folder, or says why not (exit code 2) and returns null.</summary>
    public static async Task<Rung.Storage.Sqlite.SqliteRungStore?> OpenExistingAsync(DirectoryInfo data, CancellationToken cancellationToken)
    {
        var path = DatabasePath(data);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No Rung database at {path}. Run `rung demo --data {data.FullName}` or name another folder with --data.");
            return null;
        }

        return await Rung.Storage.Sqlite.SqliteRungStore.OpenAsync(path, TimeProvider.System, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The database file inside a data folder.</summary>
    public static string DatabasePath(DirectoryInfo data) => Path.Combine(data.FullName, "rung.db");

    /// <summary>The actions file of an agent inside a data folder.</summary>
    public static string ActionsPath(DirectoryInfo data, string agentId) => Path.Combine(data.FullName, "actions", agentId + ".jsonl");
}
