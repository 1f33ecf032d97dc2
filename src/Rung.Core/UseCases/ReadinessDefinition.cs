namespace Rung.Core.UseCases;

/// <summary>What the readiness checklist takes from the use-case file rather than from the system's state.</summary>
/// <param name="IntegrationPlan">Where the integration plan is written down (a document id or link) and what it covers; null when none.</param>
/// <param name="GovernanceReviewer">Who must attest the governance review; null means anyone named may.</param>
public sealed record ReadinessDefinition(string? IntegrationPlan, string? GovernanceReviewer);
