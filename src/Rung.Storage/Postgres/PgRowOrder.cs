namespace Rung.Storage.Postgres;

/// <summary>
/// The order the shared-lock writes touch their rows in: by case id, ordinal. Two writes running side by side that
/// share some case ids then take those rows' locks in the same order, so neither can wait on the other in a cycle.
/// </summary>
internal static class PgRowOrder
{
    /// <summary>The indexes 0..count-1 sorted by their case id; stable, so of two equal ids the earlier stays first.</summary>
    public static int[] ByCaseId(int count, Func<int, string> caseIdAt) =>
        [.. Enumerable.Range(0, count).OrderBy(caseIdAt, StringComparer.Ordinal)];
}
