namespace Rung.Runtime.Ingest;

/// <summary>
/// What a tolerant read of a case file found: the rows it set aside (each with its line, column and problem) and
/// notes on the file as a whole (a column missing or ignored). Every data row is either returned or rejected, so
/// <see cref="Rows"/> = <see cref="Accepted"/> + rejected. Not thread-safe: one per read.
/// </summary>
public sealed class CaseFileProblems
{
    private readonly List<CaseFileProblem> _rejected = [];
    private readonly List<CaseFileProblem> _notes = [];

    /// <summary>Rows set aside, in file order.</summary>
    public IReadOnlyList<CaseFileProblem> Rejected => _rejected;

    /// <summary>Problems with the file as a whole that did not stop the read, such as a missing optional column.</summary>
    public IReadOnlyList<CaseFileProblem> Notes => _notes;

    /// <summary>Rows returned.</summary>
    public long Accepted { get; private set; }

    /// <summary>Data rows seen (blank lines and the header excluded).</summary>
    public long Rows => Accepted + _rejected.Count;

    internal void Reject(CaseFileException problem) => _rejected.Add(CaseFileProblem.From(problem));

    internal void Note(CaseFileException problem) => _notes.Add(CaseFileProblem.From(problem));

    internal void Accept() => Accepted++;
}
