using System.Text.Json.Nodes;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Registry;
using Rung.Registry.Signing;
using Rung.Storage.Audit;
using Rung.Storage.Journal;
using Rung.Storage.Registry;
using RegistryGateReport = Rung.Registry.Gates.GateReport;

namespace Rung.Server.Api;

/// <summary>
/// The signed model registry of an agent: its versions (lineage, signature state, test-gate results), champion
/// and challenger, a release signed electronically by a Quality approver, and a rollback to the previous champion.
/// </summary>
internal static class ModelsApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/agents/{agentId}/models", "listModelVersions", "models", "The agent's registered model versions, oldest first", ListAsync, Query: ["cursor", "limit"], Response: "ModelVersionPage"),
        new("GET", "/api/v1/agents/{agentId}/models/aliases", "getModelAliases", "models", "Champion and challenger, and the release that made the champion", AliasesAsync, Response: "ModelAliases"),
        new("GET", "/api/v1/agents/{agentId}/models/{version}", "getModelVersion", "models", "One version: configuration, lineage, signature state, test gates", GetAsync, Response: "ModelVersionDetail"),
        new("POST", "/api/v1/agents/{agentId}/models/{version}/release", "releaseModelVersion", "models", "Make a version the champion, signed Approved by the signer in the body", ReleaseAsync, HasBody: true, Retryable: true, Request: "ReleaseRequest", Response: "ModelRelease", Secrets: ["password"]),
        new("POST", "/api/v1/agents/{agentId}/models/rollback", "rollbackModel", "models", "Restore the previous champion exactly", RollbackAsync, HasBody: true, Retryable: true, Request: "RollbackRequest", Response: "ReleaseRecord"),
    ];

    public static IEnumerable<(string Name, JsonObject Schema)> Schemas() => ModelSchemas.All();

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = ApiPage.From(request);
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var registry = request.Services.Registry;
        var versions = await registry.GetModelVersionsAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        var aliases = await registry.GetModelAliasesAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(page.Slice(versions, v => Summary(v, aliases)));
    }

    private static async Task<ApiResult> AliasesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        using var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(request.Services.DataFolder));
        var registry = Registry(request.Services, key);
        var release = await registry.CurrentReleaseAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(new JsonObject
        {
            ["champion"] = await registry.GetAliasAsync(agent.AgentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false),
            ["challenger"] = await registry.GetAliasAsync(agent.AgentId, ModelAliases.Challenger, cancellationToken).ConfigureAwait(false),
            ["release"] = release is null ? null : Release(release),
        });
    }

    private static async Task<ApiResult> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var services = request.Services;
        using var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(services.DataFolder));
        var registry = Registry(services, key);
        var record = await VersionAsync(request, agent, cancellationToken).ConfigureAwait(false);
        var model = (await registry.GetAsync(agent.AgentId, record.Version, cancellationToken).ConfigureAwait(false))!;
        var aliases = await services.Registry.GetModelAliasesAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        var json = Summary(record, aliases);
        json["configuration"] = new JsonObject
        {
            ["kind"] = model.Configuration.Kind.ToString(),
            ["entry"] = model.Configuration.Entry,
            ["arguments"] = new JsonArray([.. model.Configuration.Arguments.Select(a => (JsonNode?)a)]),
            ["timeoutMs"] = model.Configuration.TimeoutMilliseconds,
        };
        var chain = await registry.LineageAsync(agent.AgentId, record.Version, cancellationToken).ConfigureAwait(false);
        json["lineage"] = new JsonArray([.. chain.Select(m => (JsonNode?)Lineage(m))]);
        json["signature"] = await SignatureAsync(services, registry, record, cancellationToken).ConfigureAwait(false);
        var evidence = await services.Registry.GetModelEvidenceAsync(agent.AgentId, record.Version, cancellationToken).ConfigureAwait(false);
        json["testGates"] = new JsonArray([.. evidence.Where(e => e.Kind == RegistryGateReport.EvidenceKind).Select(e => (JsonNode?)TestGate(e))]);
        return ApiResult.Ok(json);
    }

    private static async Task<ApiResult> ReleaseAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ReleaseModel, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, ApiSigner.Fields);
        var signer = ApiSigner.Read(request.Body, validation, withMeaning: true);
        if (signer is { Meaning: not SignatureMeaning.Approved })
        {
            validation.Add("meaning", $"a release is signed with meaning Approved; got {signer.Meaning}.");
        }

        validation.ThrowIfInvalid();
        var services = request.Services;
        var record = await VersionAsync(request, agent, cancellationToken).ConfigureAwait(false);
        var manifest = record.ManifestSha256
            ?? throw ApiProblemException.Conflict($"{agent.AgentId}/{record.Version} is not signed yet: sign it (`rung model sign`) before it can be released.");
        using var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(services.DataFolder));
        var registry = Registry(services, key);
        var previous = await registry.GetAliasAsync(agent.AgentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        if (previous == record.Version)
        {
            throw ApiProblemException.Conflict($"{agent.AgentId}/{record.Version} is already the champion.");
        }

        var session = await signer!.SignInAsync(services, cancellationToken).ConfigureAwait(false);
        await ApiSigner.RequireAsync(services, session, Operation.ReleaseModel, agent.Scope, cancellationToken).ConfigureAwait(false);
        // The running runtime decides its next case with the new champion; none is decided on the old one after the release.
        return await services.Agents.ChangeAsync(agent.AgentId, () => ApiSigner.WithSignaturesAsync(services, async signatures =>
        {
            var signed = await signatures.SignAsync(
                session, signer.UserId, signer.Password, SignedReleaseApprovals.RecordType, SignedReleaseApprovals.RecordId(agent.AgentId, record.Version),
                SignedReleaseApprovals.SignedBytes(manifest), signer.Meaning, cancellationToken).ConfigureAwait(false);
            if (signed.Signature is not { } signature)
            {
                throw ApiSigner.Refused(signed.Message);
            }

            var release = await Refusable(() => registry.ReleaseAsync(agent.AgentId, record.Version, signer.UserId, new SignedReleaseApprovals(signatures), cancellationToken)).ConfigureAwait(false);
            await AuditAsync(request, agent, "release", previous, release, $"released {record.Version} signed by {signer.UserId} ({signature.SignatureId})", cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new JsonObject
            {
                ["release"] = Release(release),
                ["signatureId"] = signature.SignatureId,
                ["manifestation"] = signed.Message,
            });
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ApiResult> RollbackAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.RollbackModel, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "reason");
        var reason = ApiFields.Text(request.Body, "reason", string.Empty, validation, required: true, ApiFields.MaxTextLength);
        validation.ThrowIfInvalid();
        using var key = SigningKey.LoadOrCreate(GovernancePaths.Keys(request.Services.DataFolder));
        var registry = Registry(request.Services, key);
        return await request.Services.Agents.ChangeAsync(agent.AgentId, async () =>
        {
            var previous = await registry.GetAliasAsync(agent.AgentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
            var rollback = await Refusable(() => registry.RollbackAsync(agent.AgentId, request.Principal.Id, reason!, cancellationToken)).ConfigureAwait(false);
            await AuditAsync(request, agent, "rollback", previous, rollback, reason!, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(Release(rollback));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static ModelRegistry Registry(ApiServices services, SigningKey key) => new(services.Registry, services.DataFolder, key, services.Time);

    private static async Task<ModelVersionRecord> VersionAsync(ApiRequest request, AgentRecord agent, CancellationToken cancellationToken)
    {
        var version = request.Route("version");
        return await request.Services.Registry.GetModelVersionAsync(agent.AgentId, version, cancellationToken).ConfigureAwait(false)
            ?? throw ApiProblemException.NotFound($"Agent '{agent.AgentId}' has no model version '{version}'.");
    }

    private static async Task<ReleaseRecord> Refusable(Func<Task<ReleaseRecord>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ReleaseRefusedException ex)
        {
            throw new ApiProblemException(409, "Refused", string.Join("; ", ex.Reasons), new Dictionary<string, string[]> { ["version"] = [.. ex.Reasons] });
        }
    }

    private static Task<AuditEntry> AuditAsync(ApiRequest request, AgentRecord agent, string action, string? previous, ReleaseRecord release, string reason, CancellationToken cancellationToken) =>
        request.Services.Audit.AppendAuditAsync(
            new AuditDraft(
                request.Principal.Id, "model_champion", agent.AgentId, action,
                CanonicalJson.Serialize(new JsonObject { ["champion"] = previous }),
                CanonicalJson.Serialize(new JsonObject { ["champion"] = release.Version, ["manifest_sha256"] = release.ManifestSha256 }),
                reason),
            cancellationToken);

    private static async Task<JsonObject> SignatureAsync(ApiServices services, ModelRegistry registry, ModelVersionRecord record, CancellationToken cancellationToken)
    {
        var verification = (await registry.VerifyAsync(record.AgentId, record.Version, cancellationToken).ConfigureAwait(false)).Verification;
        ReleaseSignatureRecord? approval = null;
        using (var key = ServerKey.LoadForVerification(GovernancePaths.Keys(services.DataFolder)))
        {
            if (key is not null && record.ManifestSha256 is { } sha)
            {
                var signatures = new SignatureService(services.Identity, services.Identities, key, services.Time);
                approval = await new SignedReleaseApprovals(signatures).FindApprovalAsync(record.AgentId, record.Version, sha, cancellationToken).ConfigureAwait(false);
            }
        }

        return new JsonObject
        {
            ["signed"] = record.ManifestSha256 is not null,
            ["manifestSha256"] = record.ManifestSha256,
            ["signedAt"] = record.SignedAt is { } at ? ApiJson.Time(at) : null,
            ["verified"] = verification.Passed,
            ["problems"] = new JsonArray([.. verification.Problems.Select(p => (JsonNode?)p)]),
            ["releaseApproval"] = approval is null ? null : SignatureJson(approval),
        };
    }

    private static JsonObject Summary(ModelVersionRecord v, IReadOnlyList<ModelAlias> aliases) => new()
    {
        ["agentId"] = v.AgentId,
        ["version"] = v.Version,
        ["kind"] = v.Kind,
        ["parent"] = v.ParentVersion,
        ["registeredBy"] = v.RegisteredBy,
        ["registeredAt"] = ApiJson.Time(v.RegisteredAt),
        ["signed"] = v.ManifestSha256 is not null,
        ["manifestSha256"] = v.ManifestSha256,
        ["aliases"] = new JsonArray([.. aliases.Where(a => a.Version == v.Version).Select(a => (JsonNode?)a.Alias)]),
    };

    private static JsonObject Lineage(RegisteredModel m)
    {
        var parameters = new JsonObject();
        foreach (var (k, v) in m.Lineage.Parameters)
        {
            parameters[k] = v;
        }

        var metrics = new JsonObject();
        foreach (var (k, v) in m.Lineage.Metrics)
        {
            metrics[k] = v;
        }

        return new JsonObject
        {
            ["version"] = m.Version,
            ["parent"] = m.Record.ParentVersion,
            ["datasetId"] = m.Lineage.DatasetId,
            ["datasetSha256"] = m.Lineage.DatasetSha256,
            ["codeVersion"] = m.Lineage.CodeVersion,
            ["trigger"] = m.Lineage.Trigger,
            ["parameters"] = parameters,
            ["metrics"] = metrics,
            ["registeredBy"] = m.Record.RegisteredBy,
            ["registeredAt"] = ApiJson.Time(m.Record.RegisteredAt),
        };
    }

    private static JsonObject TestGate(ModelEvidence e) => new()
    {
        ["against"] = e.AgainstVersion,
        ["passed"] = e.Passed,
        ["at"] = ApiJson.Time(e.At),
        ["checks"] = new JsonArray([.. RegistryGateReport.FromJson(e.Json).Checks.Select(c => (JsonNode?)new JsonObject { ["name"] = c.Name, ["passed"] = c.Passed, ["detail"] = c.Detail })]),
    };

    internal static JsonObject Release(ReleaseRecord r) => new()
    {
        ["version"] = r.Version,
        ["previous"] = r.Previous,
        ["manifestSha256"] = r.ManifestSha256,
        ["signature"] = r.Signature is null ? null : SignatureJson(r.Signature),
        ["at"] = ApiJson.Time(r.At),
        ["probationUntil"] = r.ProbationUntil is { } p ? ApiJson.Time(p) : null,
        ["reason"] = r.Reason,
    };

    private static JsonObject SignatureJson(ReleaseSignatureRecord s) => new()
    {
        ["signer"] = s.Signer,
        ["printedName"] = s.PrintedName,
        ["meaning"] = s.Meaning,
        ["signedAt"] = ApiJson.Time(s.SignedAt),
        ["manifestSha256"] = s.ManifestSha256,
    };
}
