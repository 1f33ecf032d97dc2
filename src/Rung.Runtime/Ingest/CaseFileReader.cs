using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Rung.Runtime.Agents;

namespace Rung.Runtime.Ingest;

/// <summary>
/// Reads historical cases from CSV (a header row: <c>case_id</c>, <c>occurred_at</c>, one column per declared
/// input, optionally <c>human_action</c>) or JSON lines (<c>{"case_id", "occurred_at", "values": {...},
/// "human_action"}</c>). Strict: an unknown column, a missing input column, a duplicate case id, a time without
/// an offset or a number that is not a number fails with the file, line and field named. An empty cell or a
/// null is a missing value and <c>NaN</c> is kept as NaN: both reach the data contract, which flags them.
/// Call <see cref="ValidateAsync"/> first so a bad file stores nothing.
/// </summary>
/// <param name="inputNames">The declared input names.</param>
public sealed class CaseFileReader(IReadOnlyCollection<string> inputNames)
{
    /// <summary>The largest file accepted line, in characters: a guard against a binary file read as text.</summary>
    public const int MaxLineLength = 1 << 20;

    private const string CaseIdField = "case_id";
    private const string OccurredAtField = "occurred_at";
    private const string HumanActionField = "human_action";

    private readonly HashSet<string> _inputs = new(inputNames, StringComparer.Ordinal);

    /// <summary>Reads the whole file once and throws on the first problem; returns the number of cases.</summary>
    public async Task<long> ValidateAsync(string path, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long count = 0;
        await foreach (var row in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (!ids.Add(row.Input.CaseId))
            {
                throw new CaseFileException(path, row.Line, CaseIdField, $"case id '{row.Input.CaseId}' appears twice");
            }

            count++;
        }

        return count;
    }

    /// <summary>Streams the cases of a CSV or JSON-lines file (chosen by extension: .jsonl/.ndjson, else CSV).</summary>
    public IAsyncEnumerable<CaseRow> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new CaseFileException(path, 0, null, "file not found");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".jsonl" or ".ndjson" ? ReadJsonLinesAsync(path, cancellationToken) : ReadCsvAsync(path, cancellationToken);
    }

    private async IAsyncEnumerable<CaseRow> ReadCsvAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true, TrimOptions = TrimOptions.Trim };
        using var csv = new CsvReader(reader, config);
        if (!await SafeReadAsync(csv, path).ConfigureAwait(false))
        {
            throw new CaseFileException(path, 1, null, "the file is empty; a header row is required");
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        CheckHeader(path, header);
        while (await SafeReadAsync(csv, path).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            var values = new Dictionary<string, double?>(_inputs.Count, StringComparer.Ordinal);
            string? caseId = null;
            string? occurred = null;
            string? human = null;
            for (var i = 0; i < header.Length; i++)
            {
                var cell = csv.GetField(i) ?? string.Empty;
                switch (header[i])
                {
                    case CaseIdField: caseId = cell; break;
                    case OccurredAtField: occurred = cell; break;
                    case HumanActionField: human = cell.Length == 0 ? null : cell; break;
                    default: values[header[i]] = ParseNumber(path, line, header[i], cell); break;
                }
            }

            yield return Row(path, line, caseId, occurred, values, human);
        }
    }

    private async IAsyncEnumerable<CaseRow> ReadJsonLinesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (text.Length > MaxLineLength)
            {
                throw new CaseFileException(path, line, null, $"line longer than {MaxLineLength} characters");
            }

            yield return ParseJsonLine(path, line, text);
        }
    }

    private CaseRow ParseJsonLine(string path, long line, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CaseFileException(path, line, null, "each line must be a JSON object");
            }

            var values = new Dictionary<string, double?>(_inputs.Count, StringComparer.Ordinal);
            string? caseId = null, occurred = null, human = null;
            var sawValues = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case CaseIdField: caseId = StringOf(path, line, property); break;
                    case OccurredAtField: occurred = StringOf(path, line, property); break;
                    case HumanActionField: human = property.Value.ValueKind == JsonValueKind.Null ? null : StringOf(path, line, property); break;
                    case "values":
                        sawValues = true;
                        ReadValues(path, line, property.Value, values);
                        break;
                    default: throw new CaseFileException(path, line, property.Name, "unknown field; expected case_id, occurred_at, values, human_action");
                }
            }

            if (!sawValues)
            {
                throw new CaseFileException(path, line, "values", "missing");
            }

            return Row(path, line, caseId, occurred, values, human);
        }
        catch (JsonException ex)
        {
            throw new CaseFileException(path, line, null, $"not valid JSON: {ex.Message}");
        }
    }

    private void ReadValues(string path, long line, JsonElement element, Dictionary<string, double?> values)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFileException(path, line, "values", "must be an object of input name to number");
        }

        foreach (var value in element.EnumerateObject())
        {
            if (!_inputs.Contains(value.Name))
            {
                throw new CaseFileException(path, line, $"values.{value.Name}", $"unknown input; declared inputs are {string.Join(", ", _inputs.Order(StringComparer.Ordinal))}");
            }

            values[value.Name] = value.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => value.Value.GetDouble(),
                JsonValueKind.String => ParseNumber(path, line, $"values.{value.Name}", value.Value.GetString()!),
                _ => throw new CaseFileException(path, line, $"values.{value.Name}", "must be a number or null"),
            };
        }
    }

    private void CheckHeader(string path, string[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
        {
            if (!seen.Add(column))
            {
                throw new CaseFileException(path, 1, column, "column appears twice in the header");
            }

            if (column is not (CaseIdField or OccurredAtField or HumanActionField) && !_inputs.Contains(column))
            {
                throw new CaseFileException(path, 1, column, $"unknown column; declared inputs are {string.Join(", ", _inputs.Order(StringComparer.Ordinal))}");
            }
        }

        foreach (var required in _inputs.Order(StringComparer.Ordinal).Prepend(OccurredAtField).Prepend(CaseIdField))
        {
            if (!seen.Contains(required))
            {
                throw new CaseFileException(path, 1, required, "column missing from the header");
            }
        }
    }

    private static CaseRow Row(string path, long line, string? caseId, string? occurred, Dictionary<string, double?> values, string? human)
    {
        if (string.IsNullOrWhiteSpace(caseId))
        {
            throw new CaseFileException(path, line, CaseIdField, "missing");
        }

        if (caseId.Length > 200)
        {
            throw new CaseFileException(path, line, CaseIdField, "longer than 200 characters");
        }

        if (string.IsNullOrWhiteSpace(occurred))
        {
            throw new CaseFileException(path, line, OccurredAtField, "missing");
        }

        if (!DateTimeOffset.TryParseExact(occurred, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !(occurred.EndsWith('Z') || occurred.Contains('+', StringComparison.Ordinal) || occurred.LastIndexOf('-') > 9))
        {
            throw new CaseFileException(path, line, OccurredAtField, $"'{occurred}' is not an ISO 8601 time with a UTC offset, e.g. 2026-03-02T08:15:00Z");
        }

        return new CaseRow(new CaseInput(caseId, at.ToUniversalTime(), values), human, line);
    }

    private static double? ParseNumber(string path, long line, string field, string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new CaseFileException(path, line, field, $"'{(cell.Length > 40 ? cell[..40] + "..." : cell)}' is not a number (use a dot as the decimal separator)");
    }

    private static string StringOf(string path, long line, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : throw new CaseFileException(path, line, property.Name, "must be a string");

    private static async Task<bool> SafeReadAsync(CsvReader csv, string path)
    {
        try
        {
            return await csv.ReadAsync().ConfigureAwait(false);
        }
        catch (BadDataException ex)
        {
            throw new CaseFileException(path, ex.Context?.Parser?.RawRow ?? 0, null, $"malformed CSV: {ex.Message.Split('\n')[0]}");
        }
        catch (CsvHelperException ex)
        {
            throw new CaseFileException(path, ex.Context?.Parser?.RawRow ?? 0, null, $"malformed CSV: {ex.Message.Split('\n')[0]}");
        }
    }
}
