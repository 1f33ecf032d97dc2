namespace Rung.Governance;

/// <summary>Where governance files live inside a data folder.</summary>
public static class GovernancePaths
{
    /// <summary>The folder of the server's keys: <c>DIR/keys</c>.</summary>
    public static string Keys(string dataFolder) => Path.Combine(dataFolder, "keys");

    /// <summary>The copy of every audit checkpoint outside the database: <c>DIR/audit-checkpoints.jsonl</c>.</summary>
    public static string CheckpointFile(string dataFolder) => Path.Combine(dataFolder, "audit-checkpoints.jsonl");

    /// <summary>Where archived audit entries are written: <c>DIR/audit-archive</c>.</summary>
    public static string Archive(string dataFolder) => Path.Combine(dataFolder, "audit-archive");
}
