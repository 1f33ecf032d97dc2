using Rung.Registry.Signing;

namespace Rung.Registry;

/// <summary>A model version was refused because it is unsigned or fails verification.</summary>
public sealed class ModelIntegrityException : Exception
{
    /// <summary>Creates the exception from a failed verification.</summary>
    public ModelIntegrityException(VerificationResult result)
        : base($"{result?.AgentId}/{result?.Version} is refused: {string.Join("; ", result?.Problems ?? [])}")
    {
        Result = result;
    }

    /// <summary>Creates the exception.</summary>
    public ModelIntegrityException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failed verification, when there is one.</summary>
    public VerificationResult? Result { get; }
}
