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
    public IAsyncEnumerable<CaseRow> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(path, null, cancellationToken);

    /// <summary>
    /// Streams the cases it can read and sets the rest aside in <paramref name="problems"/>, each with its line,
    /// column and problem: a ragged row, a bad number or time, a missing case id, a second row with the same case
    /// id, a human action the use case does not declare, a line that is not text. An input column missing from the
    /// header or a column the use case does not know is noted once and the file is read on (the missing input is
    /// then missing in every case, for the data contract to flag). Still thrown: a missing or empty file, and a
    /// header without case_id or occurred_at, or with a column twice: nothing can be read then.
    /// </summary>
    /// <exception cref="CaseFileException">The file as a whole cannot be read.</exception>
    public async IAsyncEnumerable<CaseRow> ReadTolerantAsync(string path, CaseFileProblems problems, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in ReadCoreAsync(path, problems, cancellationToken).ConfigureAwait(false))
        {
            if (!firstLine.TryAdd(row.Input.CaseId, row.Line))
            {
                problems.Reject(new CaseFileException(path, row.Line, CaseFields.CaseId, $"case id '{row.Input.CaseId}' appears twice (first at line {firstLine[row.Input.CaseId]}); this row was set aside"));
                continue;
            }

            if (row.HumanAction is { } human && actionNames is not null && !actionNames.Contains(human))
            {
                problems.Reject(new CaseFileException(path, row.Line, CaseFields.HumanAction, $"'{human}' is not an action the use case declares ({string.Join(", ", actionNames)})"));
                continue;
            }

            problems.Accept();
            yield return row;
        }
    }

    private IAsyncEnumerable<CaseRow> ReadCoreAsync(string path, CaseFileProblems? tolerant, CancellationToken cancellationToken)
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
        return extension is ".jsonl" or ".ndjson" ? ReadJsonLinesAsync(path, tolerant, cancellationToken) : ReadCsvAsync(path, tolerant, cancellationToken);
    }

    private async IAsyncEnumerable<CaseRow> ReadCsvAsync(string path, CaseFileProblems? tolerant, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string[]? header = null;
        var cells = new List<string>();
        // A bad line before the header leaves nothing to read the rest by; after it, the line is set aside.
        Action<CaseFileException>? reject = tolerant is null ? null : problem =>
        {
            if (header is null)
            {
                throw problem;
            }

            tolerant.Reject(problem);
        };
        await foreach (var (line, text) in CaseFileLines.ReadAsync(path, MaxLineLength, reject, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (header is null)
            {
                if (CsvLine.Split(text, cells) is (_, var headerProblem))
                {
                    throw new CaseFileException(path, line, null, $"malformed CSV: {headerProblem}");
                }

                header = [.. cells];
                CheckHeader(path, line, header, tolerant);
                continue;
            }

            CaseRow row;
            try
            {
                row = CsvDataRow(path, line, text, header, cells);
            }
            catch (CaseFileException problem) when (tolerant is not null)
            {
                tolerant.Reject(problem);
                continue;
            }

            yield return row;
        }

        if (header is null)
        {
            throw new CaseFileException(path, 1, null, "the file is empty; a header row is required (case_id, occurred_at, one column per input)");
        }
    }

    private CaseRow CsvDataRow(string path, long line, string text, string[] header, List<string> cells)
    {
        if (CsvLine.Split(text, cells) is var (cell, problem))
        {
            throw new CaseFileException(path, line, cell < header.Length ? header[cell] : null, $"malformed CSV: {problem}");
        }

        if (cells.Count != header.Length)
        {
            throw new CaseFileException(path, line, cells.Count < header.Length ? header[cells.Count] : null, $"the row has {cells.Count} cells; the header has {header.Length} ({string.Join(", ", header)})");
        }

        return CsvRow(path, line, header, cells);
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
                case var input when _inputs.Contains(input): values[input] = CaseFields.ParseNumber(path, line, input, cells[i]); break;
                default: break; // a column noted as unknown by a tolerant read
            }
        }

        return CaseFields.Row(path, line, caseId, occurred, values, human);
    }

    private async IAsyncEnumerable<CaseRow> ReadJsonLinesAsync(string path, CaseFileProblems? tolerant, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var any = false;
        Action<CaseFileException>? reject = tolerant is null ? null : problem =>
        {
            any = true;
            tolerant.Reject(problem);
        };
        await foreach (var (line, text) in CaseFileLines.ReadAsync(path, MaxLineLength, reject, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            any = true;
            CaseRow row;
            try
            {
                row = JsonCaseLine.Parse(path, line, text, _inputs);
            }
            catch (CaseFileException problem) when (tolerant is not null)
            {
                tolerant.Reject(problem);
                continue;
            }

            yield return row;
        }

        // A zero-byte history is almost always a failed export, not a replay of nothing.
        if (!any)
        {
            throw new CaseFileException(path, 0, null, "the file holds no cases; expected one JSON object per line");
        }
    }

    private void CheckHeader(string path, long line, string[] header, CaseFileProblems? tolerant)
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
                var unknown = new CaseFileException(path, line, column, $"unknown column; declared inputs are {CaseFields.Declared(_inputs)}");
                if (tolerant is null)
                {
                    throw unknown;
                }

                tolerant.Note(new CaseFileException(path, line, column, $"{unknown.Problem}; the column was ignored"));
            }
        }

        foreach (var required in _inputs.Order(StringComparer.Ordinal).Prepend(CaseFields.OccurredAt).Prepend(CaseFields.CaseId))
        {
            if (seen.Contains(required))
            {
                continue;
            }

            if (tolerant is null || required is CaseFields.CaseId or CaseFields.OccurredAt)
            {
                throw new CaseFileException(path, line, required, "column missing from the header");
            }

            tolerant.Note(new CaseFileException(path, line, required, "column missing from the header; the input is missing in every case, and the data contract flags it where it is required"));
        }
    }
}
