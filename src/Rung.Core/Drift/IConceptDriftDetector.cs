namespace Rung.Core.Drift;

/// <summary>
/// A detector of change in a stream of per-case errors (1 = the labelled case was wrong). Implementations keep
/// bounded memory and are not thread-safe.
/// </summary>
public interface IConceptDriftDetector
{
    /// <summary>Values seen since creation.</summary>
    long Count { get; }

    /// <summary>Detections since creation.</summary>
    int Detections { get; }

    /// <summary>Adds one labelled case; true when this case completes the evidence of a change.</summary>
    bool Add(bool error);

    /// <summary>Adds one value (an error indicator or a loss); true when a change is detected.</summary>
    bool Add(double value);
}
