namespace Rung.UseCases.Templates;

/// <summary>The model a template's instances start with: the exporting agent's champion.</summary>
/// <param name="Version">The model version recorded with every proposal.</param>
/// <param name="Kind">How the model is reached: <c>in_process</c>, <c>process</c> or <c>oip</c>.</param>
/// <param name="Command">The model file (or executable), relative to the template's folder; null when the model is not a file (OIP).</param>
/// <param name="CommandSha256">The SHA-256 of <paramref name="Command"/> at export, lowercase hex; null with no file.</param>
/// <param name="Profile">The reference profile, relative to the template's folder; null when the model has none.</param>
/// <param name="ProfileSha256">The SHA-256 of <paramref name="Profile"/> at export; null with no profile.</param>
public sealed record ChampionReference(string Version, string Kind, string? Command, string? CommandSha256, string? Profile, string? ProfileSha256);
