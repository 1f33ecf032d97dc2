using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rung.Governance.Identity;
using Rung.Storage.Idempotency;

namespace Rung.Server.Api;

/// <summary>
/// The straight line every API call takes: token, content type and size, JSON, idempotency key, handler,
/// response. Every refusal is an RFC 9457 problem and happens before anything is stored.
/// </summary>
internal sealed partial class ApiPipeline(ApiServices services, ILogger logger)
{
    private const string JsonType = "application/json; charset=utf-8";
    private const string ProblemType = "application/problem+json; charset=utf-8";
    private const int MaxKeyLength = 200;

    // Retries with one key are serialized so two copies of the same request cannot both run.
    private readonly SemaphoreSlim[] _keyLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public RequestDelegate Create(ApiEndpoint endpoint) => http => RunAsync(endpoint, http);

    private async Task RunAsync(ApiEndpoint endpoint, HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            var principal = endpoint.Anonymous ? null : await AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
            if (principal is not null && services.Flows is { } flows)
            {
                await flows.RequireAsync(http, principal, cancellationToken).ConfigureAwait(false);
            }

            var (bytes, body) = endpoint.HasBody ? await ReadBodyAsync(http, cancellationToken).ConfigureAwait(false) : (Array.Empty<byte>(), default);
            var request = new ApiRequest(http, services, principal, body);
            var key = endpoint.Retryable ? IdempotencyKey(http) : null;
            if (key is null)
            {
                await WriteAsync(http, await endpoint.Handler(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return;
            }

            var hash = RequestHash(http, HashedBody(bytes, body, endpoint.Secrets));
            var gate = _keyLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_keyLocks.Length)];
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var stored = await services.Idempotency.FindIdempotentAsync(principal!.Id, key, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    var result = await endpoint.Handler(request, cancellationToken).ConfigureAwait(false);
                    if (result.Status is < 200 or > 299)
                    {
                        await WriteAsync(http, result, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    var payload = Encoding.UTF8.GetBytes(result.Body?.ToJsonString() ?? string.Empty);
                    stored = await services.Idempotency.SaveIdempotentAsync(
                        new IdempotencyRecord(principal.Id, key, hash, result.Status, JsonType, payload, services.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                    await WriteRawAsync(http, stored.Status, stored.ContentType, stored.Body, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (!string.Equals(stored.RequestHash, hash, StringComparison.Ordinal))
                {
                    throw new ApiProblemException(
                        422,
                        "Idempotency key reused",
                        $"Idempotency-Key '{key}' was first used for a different request (another path or body); send a new key for a new request.",
                        new Dictionary<string, string[]> { ["Idempotency-Key"] = ["used before with a different request"] });
                }

                http.Response.Headers["Idempotency-Replayed"] = "true";
                await WriteRawAsync(http, stored.Status, stored.ContentType, stored.Body, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (ApiProblemException problem)
        {
            await WriteProblemAsync(http, problem, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // Any failure must still reach the caller as a problem document, never as a torn response.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailure(logger, http.Request.Method, http.Request.Path, ex);
            await WriteProblemAsync(http, new ApiProblemException(500, "Internal error", "The server failed to handle the request; nothing was stored for it."), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Principal> AuthenticateAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            throw new ApiProblemException(401, "Unauthorized", "Send an API token as 'Authorization: Bearer <token>' (create one with `rung user token create`).");
        }

        var principal = await services.Identity.AuthenticateTokenAsync(header[scheme.Length..].Trim(), cancellationToken).ConfigureAwait(false);
        if (principal is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            throw new ApiProblemException(401, "Unauthorized", "The API token is unknown or revoked.");
        }

        return principal;
    }

    private static async Task<(byte[] Bytes, JsonElement Body)> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var type = http.Request.ContentType;
        if (type is null || !IsJson(type))
        {
            throw new ApiProblemException(415, "Unsupported media type", $"Send the body as application/json; got '{type ?? "no content type"}'.",
                new Dictionary<string, string[]> { ["Content-Type"] = ["must be application/json"] });
        }

        if (http.Request.ContentLength > RungApi.MaxBodyBytes)
        {
            throw TooLarge(http.Request.ContentLength.Value);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > RungApi.MaxBodyBytes)
            {
                throw TooLarge(buffer.Length);
            }
        }

        var bytes = buffer.ToArray();
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiProblemException.BadField("body", $"must be a JSON object, not {document.RootElement.ValueKind}.");
            }

            if (FirstBadText(bytes) is { } at)
            {
                throw ApiProblemException.BadField("body", $"has text that is not valid Unicode (bad UTF-8 or a lone surrogate escape) at byte {at + 1}.");
            }

            return (bytes, document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            throw ApiProblemException.BadField("body", $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }

    // JsonDocument leaves string contents to the first GetString, which throws InvalidOperationException on bad
    // UTF-8 or a lone surrogate escape; reading every string once here makes that a 400 naming the byte.
    private static long? FirstBadText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static ApiProblemException TooLarge(long length) => new(
        413, "Body too large", $"The body has {length} bytes or more; the limit is {RungApi.MaxBodyBytes} bytes. Split a batch into smaller ones.",
        new Dictionary<string, string[]> { ["body"] = [$"at most {RungApi.MaxBodyBytes} bytes"] });

    private static string? IdempotencyKey(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue("Idempotency-Key", out var values))
        {
            return null;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw ApiProblemException.BadField("Idempotency-Key", $"must be 1 to {MaxKeyLength} printable ASCII characters without spaces.");
        }

        return key;
    }

    private static string RequestHash(HttpContext http, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    // A signer's password must not be kept, not even as an unsalted hash: the request is keyed without it. A retry
    // with the same key and another password is the same request and gets the stored answer.
    private static byte[] HashedBody(byte[] bytes, JsonElement body, IReadOnlyList<string>? secrets)
    {
        if (secrets is not { Count: > 0 } || body.ValueKind != JsonValueKind.Object || !secrets.Any(s => body.TryGetProperty(s, out _)))
        {
            return bytes;
        }

        var copy = JsonObject.Create(body)!;
        foreach (var secret in secrets)
        {
            copy.Remove(secret);
        }

        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static Task WriteAsync(HttpContext http, ApiResult result, CancellationToken cancellationToken) =>
        WriteRawAsync(http, result.Status, JsonType, Encoding.UTF8.GetBytes(result.Body?.ToJsonString() ?? string.Empty), cancellationToken);

    private static async Task WriteRawAsync(HttpContext http, int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted)
        {
            return; // a handler that streams a file (an edge's model download) has answered itself
        }

        http.Response.StatusCode = status;
        if (body.Length > 0)
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteProblemAsync(HttpContext http, ApiProblemException problem, CancellationToken cancellationToken)
    {
        var document = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = problem.Title,
            ["status"] = problem.Status,
            ["detail"] = problem.Message,
            ["instance"] = http.Request.Path.Value,
        };
        if (problem.Errors.Count > 0)
        {
            var errors = new JsonObject();
            foreach (var (field, messages) in problem.Errors)
            {
                errors[field] = new JsonArray([.. messages.Select(m => (JsonNode?)m)]);
            }

            document["errors"] = errors;
        }

        return http.Response.HasStarted
            ? Task.CompletedTask
            : WriteRawAsync(http, problem.Status, ProblemType, Encoding.UTF8.GetBytes(document.ToJsonString()), cancellationToken);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "API {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);
}
