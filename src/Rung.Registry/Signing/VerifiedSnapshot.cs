namespace Rung.Registry.Signing;

/// <summary>
/// A version's files read into memory once and verified as read: what is loaded is exactly what was verified,
/// whatever happens to the folder afterwards.
/// </summary>
/// <param name="Verification">The verification result.</param>
/// <param name="Files">The verified files by relative path; empty when verification failed.</param>
public sealed record VerifiedSnapshot(VerificationResult Verification, IReadOnlyDictionary<string, byte[]> Files);
