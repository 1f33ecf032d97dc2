namespace Rung.Storage.Challengers;

/// <summary>A stored shadow proposal with its case's label, when one has arrived.</summary>
/// <param name="Proposal">What the challenger proposed beside the champion.</param>
/// <param name="Label">The right action from the case's first outcome; null while unlabelled.</param>
public sealed record ShadowRow(ShadowProposal Proposal, string? Label);
