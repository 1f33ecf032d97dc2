namespace Rung.Models.Remote;

/// <summary>A 429 or 5xx answer: retried, counted by the circuit breaker, and surfaced as its inner error when the tries run out.</summary>
internal sealed class OipTransientException : Exception
{
    public OipTransientException(ModelCallException error)
        : base(error?.Message, error)
    {
        Error = error!;
    }

    public OipTransientException()
        : this(new ModelCallException())
    {
    }

    public OipTransientException(string message)
        : this(new ModelCallException(message))
    {
    }

    public OipTransientException(string message, Exception innerException)
        : this(new ModelCallException(message, innerException))
    {
    }

    /// <summary>The error to surface.</summary>
    public ModelCallException Error { get; }
}
