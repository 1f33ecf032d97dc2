namespace Rung.Edge.Protocol;

/// <summary>The server refused a call (<see cref="Status"/> set) or could not be reached (<see cref="Status"/> null).</summary>
public sealed class EdgeServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EdgeServerException(string message, int? status = null, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    /// <summary>Creates the exception.</summary>
    public EdgeServerException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public EdgeServerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EdgeServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the server answered with; null when it was not reached.</summary>
    public int? Status { get; }

    /// <summary>True when retrying later may succeed (unreachable, or a 5xx).</summary>
    public bool Transient => Status is null or >= 500;
}
