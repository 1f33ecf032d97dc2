using Rung.Core.Outcomes;

namespace Rung.Storage.Journal;

/// <summary>An outcome and the judgement it gave its case's proposal, stored together.</summary>
public sealed record StoredOutcome(Outcome Outcome, Judgement Judgement);
