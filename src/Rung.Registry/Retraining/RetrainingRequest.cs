using Rung.Core.UseCases;
using Rung.Registry.Gates;
using Rung.Storage.Registry;

namespace Rung.Registry.Retraining;

/// <summary>One retraining: what started it, the labelled data, and how the challenger is gated.</summary>
/// <param name="Agent">The agent (features, actions, severity rules, latency budget).</param>
/// <param name="Trigger">What started it.</param>
/// <param name="RequestedBy">Who (or <c>system</c>).</param>
/// <param name="Training">The labelled cases to train on.</param>
/// <param name="Holdout">Held-out labelled cases the gates test on (never trained on).</param>
/// <param name="Production">The latest labelled production cases from the journal.</param>
/// <param name="Gates">Gate options.</param>
/// <param name="SliceFields">Derives a case's slice fields (shift, product type, line); null means none.</param>
public sealed record RetrainingRequest(
    AgentDefinition Agent,
    RetrainingTrigger Trigger,
    string RequestedBy,
    IReadOnlyList<LabelledCase> Training,
    IReadOnlyList<LabelledCase> Holdout,
    IReadOnlyList<LabelledCase> Production,
    GateOptions Gates,
    Func<LabelledCase, IReadOnlyDictionary<string, string>>? SliceFields = null);
