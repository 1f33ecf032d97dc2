using Rung.Storage.Identity;

namespace Rung.Governance.Signatures;

/// <summary>The result of verifying one signature against a record version.</summary>
/// <param name="Signature">The signature checked.</param>
/// <param name="Valid">True when it belongs to this record, this exact version, and its seal holds.</param>
/// <param name="Reason">Why not; empty when valid.</param>
public sealed record SignatureCheck(SignatureRecord Signature, bool Valid, string Reason);
