using Rung.Core.Ladder;

namespace Rung.Core.UseCases;

/// <summary>
/// The minimum evidence before an agent may be offered promotion out of <paramref name="From"/>.
/// A promotion also needs the owner's signature.
/// </summary>
/// <param name="From">The stage being left.</param>
/// <param name="MinDays">Days spent on the stage.</param>
/// <param name="MinLabelledCases">Labelled cases gathered on the stage.</param>
/// <param name="MinAccuracy">Accuracy over the stage's labelled cases (agreement in Shadow, approve rate in ApproveEach).</param>
public sealed record PromotionCriteria(Stage From, double MinDays, int MinLabelledCases, double MinAccuracy);
