namespace Rung.Uns.Contracts;

/// <summary>What one message produced.</summary>
/// <param name="Cases">Cases assembled by a trigger.</param>
/// <param name="Outcomes">Outcomes joined to their cases (including ones that waited for their case).</param>
/// <param name="Problem">Why the message was refused, naming its topic; null when it was accepted or not addressed to this contract.</param>
public sealed record AssemblyResult(IReadOnlyList<UnsCase> Cases, IReadOnlyList<CaseOutcome> Outcomes, string? Problem = null)
{
    /// <summary>Nothing happened.</summary>
    public static AssemblyResult None { get; } = new([], []);

    /// <summary>A refused message.</summary>
    public static AssemblyResult Refused(string problem) => new([], [], problem);
}
