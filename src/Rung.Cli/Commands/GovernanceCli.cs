using System.CommandLine;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Commands;

/// <summary>What the user and audit commands share: opening the store, reading secrets, parsing lists.</summary>
internal static class GovernanceCli
{
    public const string PasswordEnvironmentDefault = "RUNG_PASSWORD";

    public static Option<string> By() => new("--by")
    {
        Description = "Who is acting (your user id); recorded as the actor of the audit entry",
        DefaultValueFactory = _ => "os:" + Environment.UserName,
    };

    public static Option<string> Reason(bool required = true) => new("--reason") { Description = "Why (recorded in the audit trail)", Required = required };

    public static Option<bool> PasswordStdin() => new("--password-stdin") { Description = "Read the password from the first line of standard input" };

    public static Option<string?> PasswordEnv() => new("--password-env")
    {
        Description = $"Read the password from this environment variable (for scripts; default {PasswordEnvironmentDefault} when --password-stdin is not given)",
    };

    public static Option<string> Roles(bool required) => new("--roles")
    {
        Description = "Comma-separated roles: " + string.Join(", ", Enum.GetNames<Role>()),
        Required = required,
    };

    public static Option<string?> ZonesOption() => new("--zones")
    {
        Description = "Comma-separated scope prefixes, e.g. acme/dortmund/machining/line3 ('*' for every zone)",
    };

    public static Option<string?> Store() => new("--store")
    {
        Description = "The store: a SQLite file, a postgres://user@host:port/db URI or a Host=...;Database=... connection string (default: $RUNG_STORE, else DIR/rung.db)",
    };

    /// <summary>Opens (creating when missing) the store of a data folder.</summary>
    public static Task<SqliteRungStore> OpenAsync(DirectoryInfo data, CancellationToken cancellationToken) =>
        SqliteRungStore.OpenAsync(CommonOptions.DatabasePath(data), TimeProvider.System, cancellationToken);

    /// <summary>
    /// Opens the store <c>--store</c> or <c>RUNG_STORE</c> names, as <c>rung serve</c> does, else the data folder's SQLite file;
    /// a PostgreSQL store is created (migrated) when empty. A SQLite file must exist unless <paramref name="create"/>.
    /// Null (with a message) when it cannot be opened.
    /// </summary>
    public static async Task<IRungDataStore?> OpenStoreAsync(DirectoryInfo data, string? store, bool create, CancellationToken cancellationToken)
    {
        var name = RungStoreFactory.Resolve(store, Environment.GetEnvironmentVariable(RungStoreFactory.EnvironmentVariable), data.FullName);
        if (!RungStoreFactory.IsPostgres(name))
        {
            if (!create && !File.Exists(name))
            {
                await Console.Error.WriteLineAsync($"No Rung database at {name}. Run `rung demo --data {data.FullName}` or name another folder with --data.").ConfigureAwait(false);
                return null;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(name))!);
        }

        try
        {
            return await RungStoreFactory.OpenAsync(name, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"Cannot open the store {RungStoreFactory.Describe(name)}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    public static IdentityService Identity(IRungDataStore store) =>
        new(store, store, new StoreSecurityAlarms(store, new IdentityOptions().SecurityOwner), new IdentityOptions(), TimeProvider.System);

    /// <summary>Signs the new head of the audit chain into the database and the checkpoint file; a trail that does not verify is not signed, with a warning on stderr.</summary>
    public static async Task CheckpointAsync(IAuditStore store, DirectoryInfo data, CancellationToken cancellationToken)
    {
        using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(data.FullName));
        try
        {
            await new AuditCheckpointer(store, key, GovernancePaths.CheckpointFile(data.FullName), TimeProvider.System).CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // The command's own write is stored; the trail it joined is not sealed, and the operator must know why.
            await Console.Error.WriteLineAsync($"warning: {e.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>The password from stdin or an environment variable, never from the command line; null (with a message) when missing.</summary>
    public static async Task<string?> ReadPasswordAsync(bool fromStdin, string? environmentVariable, CancellationToken cancellationToken)
    {
        if (fromStdin)
        {
            var line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(line))
            {
                await Console.Error.WriteLineAsync("--password-stdin: standard input held no password line.").ConfigureAwait(false);
                return null;
            }

            return line;
        }

        var name = environmentVariable ?? PasswordEnvironmentDefault;
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            await Console.Error.WriteLineAsync($"No password: give --password-stdin, or set the environment variable {name}. Passwords are never taken as arguments (they would show in the process list).").ConfigureAwait(false);
            return null;
        }

        return value;
    }

    /// <summary>Parses comma-separated role names.</summary>
    /// <exception cref="ArgumentException">Names the unknown role.</exception>
    public static List<Role> ParseRoles(string? text)
    {
        var roles = new List<Role>();
        foreach (var name in Split(text))
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                throw new ArgumentException($"--roles: unknown role '{name}'. Roles are {string.Join(", ", Enum.GetNames<Role>())}.");
            }

            roles.Add(role);
        }

        return roles;
    }

    public static List<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Runs a command body, turning bad input into a message and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
