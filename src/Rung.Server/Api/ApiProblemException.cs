namespace Rung.Server.Api;

/// <summary>
/// Ends an API request with an RFC 9457 problem: the status, a title, what was wrong and, for bad input, the
/// fields at fault (field path to messages). Thrown by handlers, written by the pipeline; nothing is stored.
/// </summary>
public sealed class ApiProblemException : Exception
{
    /// <summary>A 500 problem with a message.</summary>
    public ApiProblemException()
        : this(500, "Internal error", "The request failed.")
    {
    }

    /// <summary>A 500 problem with a message.</summary>
    public ApiProblemException(string message)
        : this(500, "Internal error", message)
    {
    }

    /// <summary>A 500 problem with a message and its cause.</summary>
    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Title = "Internal error";
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>A problem with a status, a short title and a detail a person can act on.</summary>
    public ApiProblemException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>Short, the same for every problem of its kind.</summary>
    public string Title { get; }

    /// <summary>Field path (for example <c>cases[2].values.spindle_temp</c>) to what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>400 naming one field.</summary>
    public static ApiProblemException BadField(string field, string message) =>
        new(400, "Invalid request", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>404 for something the caller cannot see (unknown, or outside the caller's zones).</summary>
    public static ApiProblemException NotFound(string what) => new(404, "Not found", what);

    /// <summary>409: the request is valid but the state does not allow it.</summary>
    public static ApiProblemException Conflict(string detail) => new(409, "Conflict", detail);
}
