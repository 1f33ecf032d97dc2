namespace Rung.UseCases.Tests;

/// <summary>Assertions on the errors a use-case file produces.</summary>
internal static class Expect
{
    public static IReadOnlyList<UseCaseError> Errors(string yaml, string source = "test.yaml")
    {
        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.Load(yaml, source));
        Assert.NotEmpty(ex.Errors);
        return ex.Errors;
    }

    /// <summary>Asserts the file fails with an error at exactly this position whose message holds the fragment.</summary>
    public static UseCaseError Error(string yaml, int line, int column, string fragment) =>
        Has(Errors(yaml), line, column, fragment);

    /// <summary>Asserts the file fails with exactly one error, at this position, holding the fragment.</summary>
    public static UseCaseError OnlyError(string yaml, int line, int column, string fragment)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Count == 1, "Expected one error, got:\n" + string.Join("\n", errors));
        return Has(errors, line, column, fragment);
    }

    public static UseCaseError Has(IReadOnlyList<UseCaseError> errors, int line, int column, string fragment)
    {
        var match = errors.FirstOrDefault(e => e.Line == line && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"Expected an error at {line}:{column} containing \"{fragment}\", got:\n" + string.Join("\n", errors));
        return match!;
    }
}
