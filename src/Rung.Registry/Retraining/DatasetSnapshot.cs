namespace Rung.Registry.Retraining;

/// <summary>An exported training-data snapshot: <c>data.csv</c> and <c>dataset.json</c> (schema, provenance, hash) in one folder.</summary>
/// <param name="Id">The snapshot id, <c>ds-</c> plus the first 12 hex digits of its hash.</param>
/// <param name="Sha256">SHA-256 of <c>data.csv</c>: the content hash lineage records.</param>
/// <param name="Folder">The folder holding both files.</param>
/// <param name="Rows">How many labelled rows.</param>
/// <param name="Features">The feature columns, in order.</param>
public sealed record DatasetSnapshot(string Id, string Sha256, string Folder, int Rows, IReadOnlyList<string> Features)
{
    /// <summary>The data file's name.</summary>
    public const string DataFile = "data.csv";

    /// <summary>The description file's name.</summary>
    public const string DescriptionFile = "dataset.json";

    /// <summary>The label column's name.</summary>
    public const string LabelColumn = "label";

    /// <summary>The data file's path.</summary>
    public string DataPath => Path.Combine(Folder, DataFile);
}
