using System.Text.Json;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;

namespace Rung.Server.Api;

/// <summary>
/// The electronic-signature ceremony inside one API request: the body carries the signer's user id and password
/// (and, where it applies, the meaning), as <c>rung model approve</c> and <c>rung gate promote</c> ask for them at a
/// terminal. The API token says which system calls; the signer is the person who signs, signed in for this request
/// only. The password is never stored, logged or kept in the idempotency record.
/// </summary>
internal sealed class ApiSigner(string userId, string password, SignatureMeaning meaning)
{
    /// <summary>The body fields a signing request takes.</summary>
    public static readonly string[] Fields = ["userId", "password", "meaning"];

    public string UserId => userId;

    // Not a record: a record's ToString would print the password.
    public string Password => password;

    public SignatureMeaning Meaning => meaning;

    /// <summary>Reads <c>userId</c>, <c>password</c> and <c>meaning</c> (default Approved); problems go to <paramref name="validation"/>.</summary>
    public static ApiSigner? Read(JsonElement body, ApiValidation validation, bool withMeaning)
    {
        var userId = ApiFields.Text(body, "userId", string.Empty, validation, required: true);
        var password = ApiFields.Text(body, "password", string.Empty, validation, required: true, ApiFields.MaxTextLength);
        var meaning = SignatureMeaning.Approved;
        if (withMeaning && ApiFields.Text(body, "meaning", string.Empty, validation, required: false) is { } text
            && (!Enum.TryParse(text, ignoreCase: false, out meaning) || !Enum.IsDefined(meaning) || text.Any(char.IsDigit)))
        {
            validation.Add("meaning", $"must be one of {string.Join(", ", Enum.GetNames<SignatureMeaning>())}; got '{text}'.");
        }

        return userId is null || password is null ? null : new ApiSigner(userId, password, meaning);
    }

    /// <summary>Signs the signer in for this request; 403 naming why when the credentials do not hold.</summary>
    public async Task<Session> SignInAsync(ApiServices services, CancellationToken cancellationToken)
    {
        var result = await services.Identity.SignInAsync(UserId, Password, cancellationToken).ConfigureAwait(false);
        return result is { Succeeded: true, Session: { } session }
            ? session
            : throw Refused($"Signing in as '{UserId}' failed: {result.Message}");
    }

    /// <summary>403 unless the signer may perform <paramref name="operation"/> on <paramref name="scope"/>.</summary>
    public static async Task RequireAsync(ApiServices services, Session session, Operation operation, string scope, CancellationToken cancellationToken)
    {
        var allowed = await services.Identity.AuthorizeAsync(session.Principal, operation, scope, cancellationToken).ConfigureAwait(false);
        if (!allowed.Allowed)
        {
            throw Refused($"The signer '{session.UserId}' may not {operation} on {scope}: {allowed.Reason}");
        }
    }

    /// <summary>Runs <paramref name="work"/> with the data folder's signature service, then signs the new head of the audit chain.</summary>
    public static async Task<T> WithSignaturesAsync<T>(ApiServices services, Func<SignatureService, Task<T>> work, CancellationToken cancellationToken)
    {
        using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(services.DataFolder));
        try
        {
            return await work(new SignatureService(services.Identity, services.Identities, key, services.Time)).ConfigureAwait(false);
        }
        finally
        {
            // A signature given before a refusal is still a signature: the chain's head is signed either way.
            try
            {
                await new AuditCheckpointer(services.Audit, key, GovernancePaths.CheckpointFile(services.DataFolder), services.Time).CheckpointAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // A trail that does not verify is not sealed, and the signature just stored stands: the request's
                // answer is about the signature; the checkpoint job reports the broken trail at every interval.
            }
        }
    }

    /// <summary>The signature was not given: bad credentials, a locked or unauthorized signer.</summary>
    public static ApiProblemException Refused(string detail) => new(403, "Signature refused", detail);
}
