namespace Rung.Storage.Sqlite;

/// <summary>One numbered schema script.</summary>
/// <param name="Version">The schema version the script produces; scripts are numbered 1, 2, 3, ... without gaps.</param>
/// <param name="Name">The script's name, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements, run in one transaction.</param>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
