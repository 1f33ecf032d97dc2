namespace Rung.Runtime.Ingest;

/// <summary>A case file that cannot be read; the message names the file, the line, the field and what is wrong.</summary>
public sealed class CaseFileException : Exception
{
    public CaseFileException(string path, long line, string? field, string problem)
        : base($"{Path.GetFileName(path)}:{line}{(field is null ? string.Empty : $" ({field})")}: {problem}")
    {
        FilePath = path;
        Line = line;
        Field = field;
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
}
