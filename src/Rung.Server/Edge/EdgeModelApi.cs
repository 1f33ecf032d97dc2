using System.Text.Json.Nodes;
using Rung.Edge.Protocol;
using Rung.Governance;
using Rung.Governance.Identity;
using Rung.Registry;
using Rung.Registry.Signing;
using Rung.Server.Api;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Server.Edge;

/// <summary>
/// Signed models for edges: the registry's champion of each agent in the token's zone (manifest, signature and every
/// artefact, one streamed route per file with its SHA-256) and the server's model-signing public key, which an edge
/// pins. An agent outside the token's zone is absent from the listing and its files are 404.
/// </summary>
internal static class EdgeModelApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/edge/models", "edgeModels", "edge", "The model-signing key and the signed champion of each agent in the token's zone", ListAsync, Response: "EdgeModelListing"),
        new("GET", "/api/v1/edge/models/{agentId}/{version}/file", "edgeModelFile", "edge", "One file of a signed version, its bytes streamed (the listing gives its SHA-256)", FileAsync, Query: ["path"], Response: "EdgeModelFileBytes"),
        .. EdgeAlarmApi.Endpoints(),
    ];

    public static IEnumerable<(string Name, JsonObject Schema)> Schemas() =>
    [
        ("EdgeModelListing", ApiSchema.Object(
            ApiSchema.Req("keyId", ApiSchema.String()), ApiSchema.Req("publicKeyPem", ApiSchema.String()),
            ApiSchema.Req("models", ApiSchema.Array(ApiSchema.Object(
                ApiSchema.Req("agentId", ApiSchema.String()), ApiSchema.Req("version", ApiSchema.String()), ApiSchema.Req("manifestSha256", ApiSchema.String()),
                ApiSchema.Req("files", ApiSchema.Array(ApiSchema.Object(ApiSchema.Req("path", ApiSchema.String()), ApiSchema.Req("sha256", ApiSchema.String()), ApiSchema.Req("size", ApiSchema.Integer()))))))))),
        ("EdgeModelFileBytes", ApiSchema.String()),
        .. EdgeAlarmApi.Schemas(),
    ];

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        RequireEdgeToken(request);
        using var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(request.Services.DataFolder));
        var registry = new ModelRegistry(request.Services.Registry, request.Services.DataFolder, key, request.Services.Time);
        var models = new JsonArray();
        foreach (var config in await VisibleConfigsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var champion = await registry.GetAliasAsync(config.AgentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
            if (champion is null)
            {
                continue;
            }

            // Offer only what verifies here: a tampered server copy is not handed on (the edge would refuse it anyway).
            var snapshot = await registry.VerifyAsync(config.AgentId, champion, cancellationToken).ConfigureAwait(false);
            if (!snapshot.Verification.Passed)
            {
                continue;
            }

            var folder = registry.FolderOf(config.AgentId, champion);
            var files = new JsonArray();
            foreach (var name in new[] { ModelManifest.FileName, ModelManifest.SignatureFileName }.Concat(snapshot.Files.Keys))
            {
                var bytes = snapshot.Files.TryGetValue(name, out var b) ? b : await File.ReadAllBytesAsync(Path.Combine(folder, name), cancellationToken).ConfigureAwait(false);
                files.Add(new JsonObject { ["path"] = name, ["sha256"] = ManifestHash.Of(bytes), ["size"] = bytes.LongLength });
            }

            models.Add(new JsonObject { ["agentId"] = config.AgentId, ["version"] = champion, ["manifestSha256"] = snapshot.Verification.ManifestSha256, ["files"] = files });
        }

        return ApiResult.Ok(new JsonObject { ["keyId"] = key.KeyId, ["publicKeyPem"] = key.PublicKeyPem, ["models"] = models });
    }

    private static async Task<ApiResult> FileAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        RequireEdgeToken(request);
        var (agentId, version, path) = (request.Route("agentId"), request.Route("version"), request.Query("path") ?? string.Empty);
        var what = $"No model file '{path}' of {agentId}/{version}.";
        if (!(await VisibleConfigsAsync(request, cancellationToken).ConfigureAwait(false)).Any(c => c.AgentId == agentId))
        {
            throw ApiProblemException.NotFound(what);
        }

        using var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(request.Services.DataFolder));
        var registry = new ModelRegistry(request.Services.Registry, request.Services.DataFolder, key, request.Services.Time);
        var record = await request.Services.Registry.GetModelVersionAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        if (record?.ManifestSha256 is null || version.Contains('/', StringComparison.Ordinal) || version.StartsWith('.'))
        {
            throw ApiProblemException.NotFound(what);
        }

        // Only a file the signed manifest lists (or the manifest and its signature): no path reaches outside the version.
        var folder = registry.FolderOf(agentId, version);
        var manifestPath = Path.Combine(folder, ModelManifest.FileName);
        var listed = path is ModelManifest.FileName or ModelManifest.SignatureFileName
            || (File.Exists(manifestPath) && RegistryJson.Read<ModelManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false), manifestPath).Files.Any(f => f.Path == path));
        var file = Path.Combine(folder, path);
        if (!listed || !File.Exists(file))
        {
            throw ApiProblemException.NotFound(what);
        }

        var response = request.Http.Response;
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.ContentLength = stream.Length;
        await stream.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
        return new ApiResult(200, null);
    }

    internal static void RequireEdgeToken(ApiRequest request)
    {
        if (!Permissions.AllowsAny(request.Principal.Roles, Operation.LabelCase))
        {
            throw new ApiProblemException(403, "Forbidden", "Only an edge's token (a role that may label cases) may fetch models or forward alarms.");
        }
    }

    internal static async Task<IReadOnlyList<EdgeConfigRecord>> VisibleConfigsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var edges = (IEdgeStore)request.Services.Store;
        return [.. (await edges.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false)).Where(c => Zones.AnyCovers(request.Principal.Zones, c.Scope))];
    }
}
