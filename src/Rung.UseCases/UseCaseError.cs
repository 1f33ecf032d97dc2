namespace Rung.UseCases;

/// <summary>One problem found in a use-case file, with the position it was found at.</summary>
/// <param name="Source">The file path or source name the text came from.</param>
/// <param name="Line">1-based line; whole-file problems (missing, too large, empty) are reported at line 1.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, starting with the key path, for example <c>agent.actions[2].severity: ...</c>.</param>
public sealed record UseCaseError(string Source, int Line, int Column, string Message)
{
    /// <summary>Formats the error as <c>source:line:column: message</c>, the form editors and CI logs link to.</summary>
    public override string ToString() => $"{Source}:{Line}:{Column}: {Message}";
}
