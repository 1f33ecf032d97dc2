using System.Globalization;
using System.Reflection;

namespace Rung.Storage.Sqlite;

/// <summary>
/// The schema scripts embedded in this assembly (Sqlite/Migrations/NNNN_name.sql), in version order.
/// A script once released is never edited: a change to the schema is a new script.
/// </summary>
internal static class SqliteMigrations
{
    private const string Prefix = "Rung.Storage.Sqlite.Migrations.";

    private static readonly Lazy<IReadOnlyList<SqliteMigration>> Scripts = new(Load);

    public static IReadOnlyList<SqliteMigration> All => Scripts.Value;

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestVersion => All[^1].Version;

    private static List<SqliteMigration> Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();

        // Numbers are reserved per feature, so a build may lack a number below its highest one; each script is
        // applied by its own number (see SqliteMigrator), never by "everything above the highest applied".
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Schema scripts '{migrations[i - 1].Name}' and '{migrations[i].Name}' have the same number {migrations[i].Version}.");
            }
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("No schema scripts are embedded in Rung.Storage.");
        }

        return migrations;
    }

    private static SqliteMigration Read(Assembly assembly, string resourceName)
    {
        var name = resourceName[Prefix.Length..^".sql".Length];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Schema script '{name}.sql' must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Schema script '{resourceName}' could not be read.");
        using var reader = new StreamReader(stream);
        return new SqliteMigration(version, name, reader.ReadToEnd());
    }
}
