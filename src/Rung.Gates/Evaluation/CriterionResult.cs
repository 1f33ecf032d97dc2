using Rung.Core.Ladder;

namespace Rung.Gates.Evaluation;

/// <summary>One gate criterion, computed, with the evidence it was computed from.</summary>
/// <param name="Id">Stable id, for example <c>production.accuracy</c>.</param>
/// <param name="Name">A title for people.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Summary">One sentence: the measured value against the threshold.</param>
/// <param name="ReturnTo">The stage a failure sends the agent back to.</param>
/// <param name="Evidence">The numbers behind it, in the order to show them.</param>
/// <param name="Weeks">Weekly accuracy against the floor, where the trend matters; empty otherwise.</param>
public sealed record CriterionResult(
    string Id,
    string Name,
    bool Passed,
    string Summary,
    Stage ReturnTo,
    IReadOnlyList<EvidenceLine> Evidence,
    IReadOnlyList<WeekAccuracy> Weeks);

/// <summary>One line of evidence.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Value">Its value, formatted.</param>
public sealed record EvidenceLine(string Name, string Value);

/// <summary>Accuracy over one week of labelled cases.</summary>
/// <param name="Start">The week's start (UTC).</param>
/// <param name="Labelled">Labelled cases decided in the week.</param>
/// <param name="Correct">Of those, correct.</param>
/// <param name="Floor">The floor it is held against.</param>
/// <param name="MinLabelled">The minimum labelled volume of a week.</param>
public sealed record WeekAccuracy(DateTimeOffset Start, int Labelled, int Correct, double Floor, int MinLabelled)
{
    /// <summary>Correct over labelled; zero when none.</summary>
    public double Accuracy => Labelled == 0 ? 0 : (double)Correct / Labelled;

    /// <summary>True when the week has its volume and is at or above the floor.</summary>
    public bool Holds => Labelled >= MinLabelled && Labelled > 0 && Accuracy >= Floor;
}
