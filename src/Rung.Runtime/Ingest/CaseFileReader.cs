using System.Runtime.CompilerServices;

namespace Rung.Runtime.Ingest;

/// <summary>
/// Reads historical cases from CSV (a header row: <c>case_id</c>, <c>occurred_at</c>, one column per declared
/// input, optionally <c>human_action</c>) or JSON lines (<c>{"case_id", "occurred_at", "values": {...},
/// "human_action"}</c>), UTF-8 with or without a byte-order mark. Strict: an unknown column, a missing input
/// column, a ragged row, a quote left open, a duplicate case id, a time without an offset or a number that is
/// not a number fails with a <see cref="CaseFileException"/> naming the file, line and field. An empty cell, a
/// null or an input left out of <c>values</c> is a missing value; <c>NaN</c> is kept as NaN and a number beyond
/// the range of a double (<c>1e999</c>) becomes an infinity: the data contract flags all of them. Rows are
/// returned in file order; times need not be sorted. Call <see cref="ValidateAsync"/> first so a bad file
/// stores nothing. Thread-safe: the reader holds no state between calls.
/// </summary>
/// <param name="inputNames">The declared input names.</param>
/// <param name="actionNames">The declared action names; when given, a human_action outside them fails validation.</param>
public sealed class CaseFileReader(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<string>? actionNames = null)
{
    /// <summary>The longest accepted line, in characters: a guard against a binary file read as text.</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly HashSet<string> _inputs = new(inputNames, StringComparer.Ordinal);

    /// <summary>Reads the whole file once and throws on the first problem; returns the number of cases.</summary>
    /// <exception cref="CaseFileException">The file is missing or any line is wrong, including a case id seen twice.</exception>
    public async Task<long> ValidateAsync(string path, CancellationToken cancellationToken = default)
    {
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (!firstLine.TryAdd(row.Input.CaseId, row.Line))
            {
                throw new CaseFileException(path, row.Line, CaseFields.CaseId, $"case id '{row.Input.CaseId}' appears twice (first at line {firstLine[row.Input.CaseId]})");
            }

            if (row.HumanAction is { } human && actionNames is not null && !actionNames.Contains(human))
            {
                throw new CaseFileException(path, row.Line, CaseFields.HumanAction, $"'{human}' is not an action the use case declares ({string.Join(", ", actionNames)})");
            }
        }

        return firstLine.Count;
    }

    /// <summary>
    /// Streams the cases of a CSV or JSON-lines file (chosen by extension: .jsonl/.ndjson, else CSV). Does not
    /// check for duplicate case ids; <see cref="ValidateAsync"/> does.
    /// </summary>
    /// <exception cref="CaseFileException">The file is missing (thrown at once) or a line is wrong (thrown when reached).</exception>
    public IAsyncEnumerable<CaseRow> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new CaseFileException(path, 0, null, $"is a folder, not a file ({Path.GetFullPath(path)})");
        }

        if (!File.Exists(path))
        {
            throw new CaseFileException(path, 0, null, $"file not found (looked for {Path.GetFullPath(path)})");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".jsonl" or ".ndjson" ? ReadJsonLinesAsync(path, cancellationToken) : ReadCsvAsync(path, cancellationToken);
    }

    private async IAsyncEnumerable<CaseRow> ReadCsvAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string[]? header = null;
        var cells = new List<string>();
        await foreach (var (line, text) in CaseFileLines.ReadAsync(path, MaxLineLength, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (CsvLine.Split(text, cells) is var (cell, problem))
            {
                throw new CaseFileException(path, line, header is not null && cell < header.Length ? header[cell] : null, $"malformed CSV: {problem}");
            }

            if (header is null)
            {
                header = [.. cells];
                CheckHeader(path, line, header);
                continue;
            }

            if (cells.Count != header.Length)
            {
                throw new CaseFileException(path, line, cells.Count < header.Length ? header[cells.Count] : null, $"the row has {cells.Count} cells; the header has {header.Length} ({string.Join(", ", header)})");
            }

            yield return CsvRow(path, line, header, cells);
        }

        if (header is null)
        {
            throw new CaseFileException(path, 1, null, "the file is empty; a header row is required (case_id, occurred_at, one column per input)");
        }
    }

    private CaseRow CsvRow(string path, long line, string[] header, List<string> cells)
    {
        var values = new Dictionary<string, double?>(_inputs.Count, StringComparer.Ordinal);
        string? caseId = null, occurred = null, human = null;
        for (var i = 0; i < header.Length; i++)
        {
            switch (header[i])
            {
                case CaseFields.CaseId: caseId = cells[i]; break;
                case CaseFields.OccurredAt: occurred = cells[i]; break;
                case CaseFields.HumanAction: human = cells[i]; break;
                default: values[header[i]] = CaseFields.ParseNumber(path, line, header[i], cells[i]); break;
            }
        }

        return CaseFields.Row(path, line, caseId, occurred, values, human);
    }

    private async IAsyncEnumerable<CaseRow> ReadJsonLinesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var (line, text) in CaseFileLines.ReadAsync(path, MaxLineLength, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            any = true;
            yield return JsonCaseLine.Parse(path, line, text, _inputs);
        }

        // A zero-byte history is almost always a failed export, not a replay of nothing.
        if (!any)
        {
            throw new CaseFileException(path, 0, null, "the file holds no cases; expected one JSON object per line");
        }
    }

    private void CheckHeader(string path, long line, string[] header)
    {
        if (header.Length == 1 && header[0].Contains(';', StringComparison.Ordinal))
        {
            throw new CaseFileException(path, line, null, "the header has no commas; Rung reads comma-separated files (save the file with ',' as the separator, not ';')");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var column = header[i];
            if (column.Length == 0)
            {
                throw new CaseFileException(path, line, null, $"column {i + 1} of the header has no name");
            }

            if (!seen.Add(column))
            {
                throw new CaseFileException(path, line, column, "column appears twice in the header");
            }

            if (column is not (CaseFields.CaseId or CaseFields.OccurredAt or CaseFields.HumanAction) && !_inputs.Contains(column))
            {
                throw new CaseFileException(path, line, column, $"unknown column; declared inputs are {CaseFields.Declared(_inputs)}");
            }
        }

        foreach (var required in _inputs.Order(StringComparer.Ordinal).Prepend(CaseFields.OccurredAt).Prepend(CaseFields.CaseId))
        {
            if (!seen.Contains(required))
            {
                throw new CaseFileException(path, line, required, "column missing from the header");
            }
        }
    }
}
