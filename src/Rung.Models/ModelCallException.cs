namespace Rung.Models;

/// <summary>Why a model call failed.</summary>
public enum ModelFailure
{
    /// <summary>The model did not answer within its timeout.</summary>
    Timeout,

    /// <summary>The model process exited or could not be started.</summary>
    Crashed,

    /// <summary>The model answered something that is not a valid answer.</summary>
    InvalidAnswer,

    /// <summary>The model answered with an error of its own.</summary>
    ModelError,

    /// <summary>The model's server cannot be reached, is not ready, or is held off by a circuit breaker.</summary>
    Unavailable,
}

/// <summary>A model call that produced no usable answer. The message says what happened, for a person.</summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException(ModelFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public ModelCallException()
        : this(ModelFailure.ModelError, "The model call failed.")
    {
    }

    public ModelCallException(string message)
        : this(ModelFailure.ModelError, message)
    {
    }

    public ModelCallException(string message, Exception innerException)
        : this(ModelFailure.ModelError, message, innerException)
    {
    }

    /// <summary>What kind of failure it was.</summary>
    public ModelFailure Failure { get; }
}
