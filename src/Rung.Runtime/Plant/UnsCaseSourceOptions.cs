using Rung.Core.Outcomes;

namespace Rung.Runtime.Plant;

/// <summary>How a <see cref="UnsCaseSource"/> turns namespace messages into the runtime's work.</summary>
public sealed record UnsCaseSourceOptions
{
    /// <summary>Most cases decided in one journal append. Default 256; a burst is taken in batches of this size.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// What an outcome on the contract's outcome topic is: a QC result (default) labels automatic commits; a
    /// human's own action labels Shadow cases.
    /// </summary>
    public OutcomeSource OutcomeSource { get; init; } = OutcomeSource.QualityResult;

    /// <summary>The actor recorded with outcomes from the namespace. Default <c>uns</c>.</summary>
    public string OutcomeActor { get; init; } = "uns";

    /// <summary>
    /// Taken around each batch handed to the runtime, when other work shares the runtime (an edge applies verdicts
    /// from the server between batches); null when the source is the runtime's only caller.
    /// </summary>
    public SemaphoreSlim? Turn { get; init; }

    /// <summary>Publishes proposals, alarms and the retained state; null publishes nothing.</summary>
    public PlantPublisher? Publisher { get; init; }
}
