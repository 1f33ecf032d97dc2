namespace Rung.Registry.Retraining;

/// <summary>A training job failed, timed out or returned nothing usable.</summary>
public sealed class TrainingFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
