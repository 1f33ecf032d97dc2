namespace Rung.Core.UseCases;

/// <summary>
/// How an agent's inputs come from the Unified Namespace: which tag feeds which input, which tag fires a case,
/// where outcomes and IT context arrive. The inputs themselves (model unit, plausible range, required) stay in
/// <see cref="AgentDefinition.Inputs"/>.
/// </summary>
/// <param name="Tags">One tag per input that is read from the namespace.</param>
/// <param name="Trigger">The tag (topic or Sparkplug metric path) whose messages each start a case.</param>
/// <param name="CaseKey">
/// The JSON field in the trigger's payload that holds the case's key (for example a part id); null means the
/// trigger's value itself is the key.
/// </param>
/// <param name="Outcome">Where outcomes arrive and how they are joined to their case; null means outcomes come some other way.</param>
/// <param name="Context">IT context topics (work orders, batches, maintenance events), joined as of each case's time.</param>
/// <param name="ValueField">The JSON field holding a tag's value. Default <c>value</c>.</param>
/// <param name="TimestampField">The JSON field holding the source time (epoch milliseconds or ISO 8601). Default <c>timestamp</c>.</param>
/// <param name="QualityField">The JSON field holding the source's quality. Default <c>quality</c>.</param>
public sealed record UnsContractDefinition(
    IReadOnlyList<UnsTagDefinition> Tags,
    string Trigger,
    string? CaseKey,
    UnsOutcomeDefinition? Outcome,
    IReadOnlyList<UnsContextDefinition> Context,
    string ValueField = "value",
    string TimestampField = "timestamp",
    string QualityField = "quality");
