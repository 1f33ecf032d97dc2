namespace Rung.Server.Api;

/// <summary>One route of the API: what the pipeline needs to run it and what the OpenAPI document says of it.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Pattern">The route, for example <c>/api/v1/agents/{agentId}</c>.</param>
/// <param name="OperationId">Unique name of the operation.</param>
/// <param name="Tag">The area it belongs to.</param>
/// <param name="Summary">One line for a reader.</param>
/// <param name="Handler">The work.</param>
/// <param name="HasBody">True when it reads a JSON body.</param>
/// <param name="Retryable">True when it honours <c>Idempotency-Key</c>.</param>
/// <param name="Anonymous">True when it needs no token.</param>
/// <param name="Query">Query parameters it reads.</param>
/// <param name="Request">The component schema of the body it reads (when <paramref name="HasBody"/>).</param>
/// <param name="Response">The component schema of its 2xx body.</param>
/// <param name="Secrets">Top-level body fields (a signer's password) left out of the request hash stored with an idempotency key.</param>
internal sealed record ApiEndpoint(
    string Method,
    string Pattern,
    string OperationId,
    string Tag,
    string Summary,
    Func<ApiRequest, CancellationToken, Task<ApiResult>> Handler,
    bool HasBody = false,
    bool Retryable = false,
    bool Anonymous = false,
    IReadOnlyList<string>? Query = null,
    string? Request = null,
    string? Response = null,
    IReadOnlyList<string>? Secrets = null);
