namespace Rung.Storage.Sqlite;

/// <summary>Property names of the journal's JSON columns; part of the stored format.</summary>
internal static class JournalJsonNames
{
    public const string Feature = "feature";
    public const string Problem = "problem";
    public const string Blocking = "blocking";
    public const string Contribution = "contribution";
}
