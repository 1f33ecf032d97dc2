namespace Rung.Storage.Identity;

/// <summary>An electronic signature as stored.</summary>
/// <param name="SignatureId">Unique id.</param>
/// <param name="UserId">Who signed.</param>
/// <param name="PrintedName">Their printed name at the time of signing.</param>
/// <param name="Meaning">Authored, Reviewed, Approved or Responsible.</param>
/// <param name="At">Server time (UTC) of signing.</param>
/// <param name="RecordType">The signed record's type.</param>
/// <param name="RecordId">The signed record's id.</param>
/// <param name="RecordSha256">SHA-256 (hex) of the exact record version's canonical bytes.</param>
/// <param name="Seal">The server's ECDSA signature (base64) over all the fields above: moving the signature to another record breaks it.</param>
public sealed record SignatureRecord(
    string SignatureId,
    string UserId,
    string PrintedName,
    string Meaning,
    DateTimeOffset At,
    string RecordType,
    string RecordId,
    string RecordSha256,
    string Seal);
