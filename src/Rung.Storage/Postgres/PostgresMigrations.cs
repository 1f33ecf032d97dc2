using System.Globalization;
using System.Reflection;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema scripts embedded in this assembly (Postgres/Migrations/NNNN_name.sql), in version order.
/// Numbered like the SQLite scripts, so both stores report the same version for the same schema.
/// </summary>
internal static class PostgresMigrations
{
    private const string Prefix = "Rung.Storage.Postgres.Migrations.";

    private static readonly Lazy<IReadOnlyList<SqliteMigration>> Scripts = new(Load);

    public static IReadOnlyList<SqliteMigration> All => Scripts.Value;

    public static int LatestVersion => All[^1].Version;

    private static List<SqliteMigration> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("No PostgreSQL schema scripts are embedded in Rung.Storage.");
        }

        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL schema scripts '{migrations[i - 1].Name}' and '{migrations[i].Name}' have the same number {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    private static SqliteMigration Read(Assembly assembly, string resourceName)
    {
        var name = resourceName[Prefix.Length..^".sql".Length];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"PostgreSQL schema script '{name}.sql' must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"PostgreSQL schema script '{resourceName}' could not be read.");
        using var reader = new StreamReader(stream);
        return new SqliteMigration(version, name, reader.ReadToEnd());
    }
}
