namespace Rung.Simulation.People;

/// <summary>The QC lab's result for a part: the truth, known only after the lab's delay.</summary>
/// <param name="PartId">The part measured.</param>
/// <param name="TrueAction">What should have been done with the part.</param>
/// <param name="AvailableAt">When the result is known: production time plus the QC delay.</param>
public sealed record QcFinding(string PartId, string TrueAction, DateTimeOffset AvailableAt);
