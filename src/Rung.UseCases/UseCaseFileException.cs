namespace Rung.UseCases;

/// <summary>
/// Thrown when a use-case file cannot be read or does not validate. <see cref="Errors"/> holds every problem found,
/// ordered by position; <see cref="Exception.Message"/> lists them one per line as <c>source:line:column: message</c>.
/// </summary>
public sealed class UseCaseFileException : Exception
{
    /// <summary>Creates the exception for a non-empty list of errors.</summary>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public UseCaseFileException(IReadOnlyList<UseCaseError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a single message and no positioned errors.</summary>
    public UseCaseFileException()
        : this("The use-case file is not valid.")
    {
    }

    /// <summary>Creates the exception with a single message and no positioned errors.</summary>
    public UseCaseFileException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a single message and the exception that caused it.</summary>
    public UseCaseFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, ordered by line and column.</summary>
    public IReadOnlyList<UseCaseError> Errors { get; }

    private static string Format(IReadOnlyList<UseCaseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        return string.Join(Environment.NewLine, errors.Select(e => e.ToString()));
    }
}
