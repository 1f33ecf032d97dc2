using System.Security.Cryptography;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Governance.Signatures;

/// <summary>
/// Electronic signatures (21 CFR 11.50, 11.70, 11.200; Annex 11 §14). The first signing in a session needs user id
/// and password, later ones the password again, and after the idle timeout both again. A signature is bound to the
/// SHA-256 of the exact record version and sealed by the server key, so it fails verification on a changed record
/// and when moved to another record. Safe to use from several threads.
/// </summary>
public sealed class SignatureService(IdentityService identity, IIdentityStore store, ServerKey key, TimeProvider timeProvider)
{
    /// <summary>Signs a record version.</summary>
    /// <param name="session">The signer's session; a bearer token alone never signs.</param>
    /// <param name="userId">The signer's user id: required at the first signing of a session and after the idle timeout; may be null otherwise.</param>
    /// <param name="password">The signer's password, required every time.</param>
    /// <param name="recordType">The signed record's type (for example <c>stage</c>, <c>model</c>).</param>
    /// <param name="recordId">The signed record's id.</param>
    /// <param name="recordCanonicalBytes">The canonical bytes of the exact version being signed (see <see cref="CanonicalJson"/>).</param>
    /// <param name="meaning">What the signature means.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    public async Task<SignResult> SignAsync(
        Session session, string? userId, string password, string recordType, string recordId, ReadOnlyMemory<byte> recordCanonicalBytes,
        SignatureMeaning meaning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordId);
        if (!Enum.IsDefined(meaning))
        {
            throw new ArgumentOutOfRangeException(nameof(meaning), meaning, "Unknown signature meaning.");
        }

        var now = timeProvider.GetUtcNow();
        var continuous = session.HasSigned && !session.IsExpired(now, identity.Options.IdleTimeout);
        if (!continuous && string.IsNullOrEmpty(userId))
        {
            return new SignResult(SignStatus.UserIdRequired, null,
                "Enter your user id and password: the first signature of a session, and any after a pause, needs both.");
        }

        if (!string.IsNullOrEmpty(userId) && userId != session.UserId)
        {
            return new SignResult(SignStatus.WrongUser, null, $"This session belongs to '{session.UserId}'; nobody signs on behalf of another person.");
        }

        if (string.IsNullOrEmpty(password))
        {
            return new SignResult(SignStatus.InvalidCredentials, null, "Enter your password: every signature needs it.");
        }

        var (status, user) = await identity.CheckPasswordAsync(session.UserId, password, "signature", cancellationToken).ConfigureAwait(false);
        if (status != SignInStatus.Success)
        {
            return new SignResult(Map(status), null, status switch
            {
                SignInStatus.LockedOut => $"Account '{session.UserId}' is locked; nothing was signed.",
                SignInStatus.Deactivated => $"Account '{session.UserId}' is deactivated; nothing was signed.",
                SignInStatus.PasswordChangeRequired => "Change your password before signing.",
                _ => "Wrong password; nothing was signed.",
            });
        }

        var unsealed = new SignatureRecord(
            "sig_" + RandomNumberGenerator.GetHexString(16, lowercase: true),
            user!.UserId,
            user.PrintedName,
            meaning.ToString(),
            timeProvider.GetUtcNow(),
            recordType,
            recordId,
            Convert.ToHexStringLower(SHA256.HashData(recordCanonicalBytes.Span)),
            string.Empty);
        var signature = unsealed with { Seal = key.Sign(SignatureManifest.SealedText(unsealed)) };
        await store.AppendSignatureAsync(signature, cancellationToken).ConfigureAwait(false);
        session.MarkSigned(timeProvider.GetUtcNow());
        return new SignResult(SignStatus.Signed, signature, SignatureManifest.Manifestation(signature));
    }

    /// <summary>Checks one signature against a record and the canonical bytes of its current version.</summary>
    public SignatureCheck Verify(SignatureRecord signature, string recordType, string recordId, ReadOnlySpan<byte> recordCanonicalBytes)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!key.Verify(SignatureManifest.SealedText(signature), signature.Seal))
        {
            return new SignatureCheck(signature, false, $"Signature {signature.SignatureId}: its seal does not hold; the signature record was altered.");
        }

        if (signature.RecordType != recordType || signature.RecordId != recordId)
        {
            return new SignatureCheck(signature, false,
                $"Signature {signature.SignatureId} was given to {signature.RecordType} '{signature.RecordId}', not to {recordType} '{recordId}'.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(recordCanonicalBytes));
        return hash == signature.RecordSha256
            ? new SignatureCheck(signature, true, string.Empty)
            : new SignatureCheck(signature, false, $"Signature {signature.SignatureId}: {recordType} '{recordId}' changed after it was signed.");
    }

    /// <summary>Checks every signature stored for a record against the canonical bytes of its current version.</summary>
    public async Task<IReadOnlyList<SignatureCheck>> VerifyAsync(string recordType, string recordId, ReadOnlyMemory<byte> recordCanonicalBytes, CancellationToken cancellationToken = default)
    {
        var signatures = await store.GetSignaturesAsync(recordType, recordId, cancellationToken).ConfigureAwait(false);
        return [.. signatures.Select(s => Verify(s, recordType, recordId, recordCanonicalBytes.Span))];
    }

    private static SignStatus Map(SignInStatus status) => status switch
    {
        SignInStatus.LockedOut => SignStatus.LockedOut,
        SignInStatus.Deactivated => SignStatus.Deactivated,
        SignInStatus.PasswordChangeRequired => SignStatus.PasswordChangeRequired,
        _ => SignStatus.InvalidCredentials,
    };
}
