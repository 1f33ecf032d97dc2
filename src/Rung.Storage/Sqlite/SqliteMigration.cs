namespace Rung.Storage.Sqlite;

/// <summary>One numbered schema script.</summary>
/// <param name="Version">The schema version the script produces; unique; numbers are reserved per feature, so gaps are allowed.</param>
/// <param name="Name">The script's name, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements, run in one transaction.</param>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
