using Rung.Governance.Signatures;

namespace Rung.Server.Components.Signing;

/// <summary>What a person typed into the sign dialog, for a caller that makes the signature itself.</summary>
/// <param name="UserId">The user id typed, or null when the session has signed before and only the password is asked.</param>
/// <param name="Password">The password typed.</param>
/// <param name="Meaning">The meaning chosen.</param>
public sealed record SignInput(string? UserId, string Password, SignatureMeaning Meaning);
