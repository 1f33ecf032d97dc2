using Rung.Storage.Journal;

namespace Rung.Runtime.Agents;

/// <summary>
/// The reason recorded when the model gave no usable answer and the safe default was used: written by the
/// proposal step as the decision's first reason, read back by the monitor to count model failures.
/// </summary>
internal static class ModelFailureReason
{
    private const string Prefix = "model ";

    public static string Format(string failure, string message, string defaultAction) => $"{Prefix}{failure}: {message}; safe default '{defaultAction}' used";

    public static bool IsOn(DecisionRecord record) =>
        record.Proposal.Confidence == 0 && record.Decision.Reasons.Count > 0 && record.Decision.Reasons[0].StartsWith(Prefix, StringComparison.Ordinal);
}
