namespace Rung.Runtime.Ingest;

/// <summary>One problem found in a case file read tolerantly: a row set aside, or a note on the file as a whole.</summary>
/// <param name="Line">The 1-based line an editor shows.</param>
/// <param name="Field">The column or field, or null when the problem is with the whole line.</param>
/// <param name="Problem">What is wrong, for a person.</param>
/// <param name="Message">The whole message: <c>file:line (field): problem</c>.</param>
public sealed record CaseFileProblem(long Line, string? Field, string Problem, string Message)
{
    internal static CaseFileProblem From(CaseFileException exception) =>
        new(exception.Line, exception.Field, exception.Problem, exception.Message);
}
