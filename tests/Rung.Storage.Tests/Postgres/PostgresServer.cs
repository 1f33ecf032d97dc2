using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Rung.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests use: the one <c>RUNG_TEST_POSTGRES</c> names (a connection string whose user
/// may create databases), else a throwaway cluster made with Debian's initdb and pg_ctl in a temp folder, listening
/// on a free loopback port, stopped and removed when the test process exits. Each test gets its own database.
/// A missing server is a failure, not a skip.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>Names an existing server instead of starting one.</summary>
    public const string EnvironmentVariable = "RUNG_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);
    private static int _counter;

    private readonly NpgsqlConnectionStringBuilder _admin;

    private PostgresServer(NpgsqlConnectionStringBuilder admin, string binDirectory)
    {
        _admin = admin;
        BinDirectory = binDirectory;
    }

    /// <summary>Where pg_dump, pg_restore and psql are.</summary>
    public string BinDirectory { get; }

    /// <summary>The one server of this test process.</summary>
    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(string prefix = "rung_test")
    {
        var name = FormattableString.Invariant($"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        await ExecuteAdminAsync($"CREATE DATABASE {name} STRATEGY FILE_COPY;");
        return new PostgresDatabase(this, name, ConnectionString(name));
    }

    internal async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresServer(new NpgsqlConnectionStringBuilder(given), bin);
        }

        var root = Path.Combine(Path.GetTempPath(), FormattableString.Invariant($"rung-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root; the cluster belongs to Debian's postgres user.
            await RunAsync("chown", $"postgres \"{root}\"", asPostgres: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), $"-D \"{data}\" -A trust -U rung -E UTF8 --locale=C --no-sync", asRoot);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = FormattableString.Invariant(
                $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D \"{data}\" -l \"{Path.Combine(root, "server.log")}\" -o \"{options}\" -w -t 60 start", asRoot);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue; // another process took the port between the probe and the start
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, data, root, asRoot);
            var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "rung", Database = "postgres", Timeout = 30, CommandTimeout = 120 };
            return new PostgresServer(admin, bin);
        }
    }

    private static void Stop(string bin, string data, string root, bool asRoot)
    {
        try
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), $"-D \"{data}\" -m immediate -w stop", asRoot).GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Best effort at exit: a leftover temp folder is harmless.
        }
    }

    /// <summary>The newest /usr/lib/postgresql/NN/bin, else the folder of initdb on PATH.</summary>
    public static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
                .OrderByDescending(x => x.Version)
                .ToList()
            : [];
        if (versions.Count > 0)
        {
            return versions[0].Dir;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            if (File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException(
            $"No PostgreSQL server binaries found (initdb in /usr/lib/postgresql/NN/bin or on PATH). Install Debian's 'postgresql' package (eng/test.sh does) or set {EnvironmentVariable}.");
    }

    /// <summary>Runs a PostgreSQL tool and fails with its output when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- \"{fileName}\" {arguments}")
            : new ProcessStartInfo(fileName, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {arguments} exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
