using System.Globalization;
using Rung.Runtime.Agents;

namespace Rung.Runtime.Ingest;

/// <summary>The rules both case-file formats share: field names, ids, times and numbers.</summary>
internal static class CaseFields
{
    public const string CaseId = "case_id";
    public const string OccurredAt = "occurred_at";
    public const string HumanAction = "human_action";
    public const string Values = "values";
    public const int MaxCaseIdLength = 200;

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static CaseRow Row(string path, long line, string? caseId, string? occurred, Dictionary<string, double?> values, string? human)
    {
        if (string.IsNullOrWhiteSpace(caseId))
        {
            throw new CaseFileException(path, line, CaseId, "missing");
        }

        if (caseId.Length > MaxCaseIdLength)
        {
            throw new CaseFileException(path, line, CaseId, $"longer than {MaxCaseIdLength} characters");
        }

        if (string.IsNullOrWhiteSpace(occurred))
        {
            throw new CaseFileException(path, line, OccurredAt, "missing");
        }

        // The K specifier also accepts no offset at all (read as local time), so the offset is checked by hand:
        // a history without one would shift by the server's time zone.
        if (!DateTimeOffset.TryParseExact(occurred, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !(occurred.EndsWith('Z') || occurred.Contains('+', StringComparison.Ordinal) || occurred.LastIndexOf('-') > 9))
        {
            throw new CaseFileException(path, line, OccurredAt, $"'{Clip(occurred)}' is not an ISO 8601 time with a UTC offset, e.g. 2026-03-02T08:15:00Z or 2026-03-02T09:15:00+01:00");
        }

        return new CaseRow(new CaseInput(caseId, at.ToUniversalTime(), values), string.IsNullOrWhiteSpace(human) ? null : human, line);
    }

    /// <summary>An empty cell is missing; NaN and Infinity are kept for the data contract to flag; 1e999 overflows to Infinity.</summary>
    public static double? ParseNumber(string path, long line, string field, string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new CaseFileException(path, line, field, $"'{Clip(cell)}' is not a number (use a dot as the decimal separator and no thousands separator)");
    }

    public static string Declared(IEnumerable<string> inputs) => string.Join(", ", inputs.Order(StringComparer.Ordinal));

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
