using Rung.Storage.Journal;

namespace Rung.Runtime.Challengers;

/// <summary>
/// Told of each batch of decisions once it is journalled and its actions delivered. Implementations must return at
/// once and never throw: the champion's path does not wait for them and must not fail because of them.
/// </summary>
public interface IDecisionObserver
{
    /// <summary>The decisions newly journalled (duplicates left out), in the batch's order.</summary>
    void Journalled(IReadOnlyList<DecisionRecord> stored);
}
