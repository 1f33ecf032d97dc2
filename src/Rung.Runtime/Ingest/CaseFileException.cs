namespace Rung.Runtime.Ingest;

/// <summary>
/// A case file that cannot be read. The message reads <c>file:line (field): problem</c>, or <c>file: problem</c>
/// when the problem is with the file as a whole (missing, empty).
/// </summary>
public sealed class CaseFileException : Exception
{
    /// <summary>Creates the error for a problem at a place in a file.</summary>
    /// <param name="path">The file as given.</param>
    /// <param name="line">The 1-based line, or 0 for the file as a whole.</param>
    /// <param name="field">The column or field, or null when the problem is not in one.</param>
    /// <param name="problem">What is wrong, for a person.</param>
    public CaseFileException(string path, long line, string? field, string problem)
        : base($"{Path.GetFileName(path)}{(line > 0 ? $":{line}" : string.Empty)}{(field is null ? string.Empty : $" ({field})")}: {problem}")
    {
        FilePath = path;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public CaseFileException()
        : this(string.Empty, 0, null, "The case file cannot be read.")
    {
    }

    public CaseFileException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    public CaseFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line, or 0 when the problem is not on one line.</summary>
    public long Line { get; }

    /// <summary>The column or field, or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; } = string.Empty;
}
