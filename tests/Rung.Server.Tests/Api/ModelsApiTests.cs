using System.Text.Json.Nodes;
using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Signing;

namespace Rung.Server.Tests.Api;

/// <summary>The model registry routes: versions, aliases, a release signed by Quality, a rollback.</summary>
public sealed class ModelsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    private static string Signer(string user = ApiFixture.QualityUser, string password = TestUsers.Password, string? meaning = "Approved")
    {
        var body = new JsonObject { ["userId"] = user, ["password"] = password };
        if (meaning is not null)
        {
            body["meaning"] = meaning;
        }

        return body.ToJsonString();
    }

    private static void AssertProblem((int Status, JsonNode? Body, string ContentType) r, int status, string? field = null)
    {
        Assert.True(status == r.Status, $"expected {status}, got {r.Status}: {r.Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", r.ContentType);
        if (field is not null)
        {
            Assert.True(r.Body!["errors"]?[field] is JsonArray { Count: > 0 }, $"expected an error for '{field}' in {r.Body.ToJsonString()}");
        }
    }

    private ModelRegistry Registry(SigningKey key) => new(api.Store, api.DataFolder, key, TimeProvider.System);

    private async Task<string> RegisterAsync(string agent, string? parent = null, bool sign = true)
    {
        using var key = SigningKey.LoadOrCreate(Path.Combine(api.DataFolder, "keys"));
        var registry = Registry(key);
        var lineage = new ModelLineage("ds-2026-03", "ab12", "git:4f2e", new Dictionary<string, string> { ["lr"] = "0.1" }, new Dictionary<string, double> { ["accuracy"] = 0.95 });
        // Named apart from the registry's own model.json (the version's configuration), so the released version loads.
        var artefact = Path.Combine(api.DataFolder, "softmax.json");
        if (!File.Exists(artefact))
        {
            File.Copy(Path.Combine(api.DataFolder, "model.json"), artefact);
        }

        var registered = await registry.RegisterAsync(new ModelRegistration(
            agent, new ModelConfiguration(ModelArtifactKind.InProcessFile, "softmax.json", []), [artefact], lineage, parent, "ml.eng"));
        if (sign)
        {
            await registry.SignAsync(agent, registered.Version, "ml.eng");
        }

        return registered.Version;
    }

    // Decides one case on the running agent and returns the model version stored with its proposal.
    private async Task<string> DecidedVersionAsync(string agent)
    {
        var id = "mv-" + Guid.NewGuid().ToString("N")[..8];
        var at = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject { ["caseId"] = id, ["occurredAt"] = at, ["values"] = new JsonObject { ["x"] = 9.0 } }.ToJsonString();
        var r = await api.CallAsync(Post, $"/api/v1/agents/{agent}/cases", api.Operator, body);
        Assert.Equal(201, r.Status);
        var stored = (await api.Store.GetDecisionAsync(id))!.Proposal.ModelVersion;
        Assert.Equal(stored, (string)r.Body!["proposal"]!["modelVersion"]!);
        return stored;
    }

    [Fact]
    public async Task Release_SignedByQuality_IsChampion_RetryReplays_ChallengerNeedsItsGate_RollbackRestores()
    {
        const string Agent = ApiFixture.ApproveAgent;
        var models = $"/api/v1/agents/{Agent}/models";
        var v1 = await RegisterAsync(Agent);

        // No champion yet: the running agent decides with its use case's model file.
        Assert.Equal("softmax-1", await DecidedVersionAsync(Agent));

        var list = await api.CallAsync(Get, models, api.Operator);
        var listed = Assert.Single(list.Body!["items"]!.AsArray());
        Assert.Equal((v1, true), ((string)listed!["version"]!, (bool)listed["signed"]!));
        var shown = await api.CallAsync(Get, $"{models}/{v1}", api.Operator);
        Assert.Equal("ds-2026-03", (string)shown.Body!["lineage"]![0]!["datasetId"]!);
        Assert.True((bool)shown.Body["signature"]!["verified"]!);
        Assert.Null(shown.Body["signature"]!["releaseApproval"]);
        Assert.Empty(shown.Body["testGates"]!.AsArray());

        using (var first = await api.SendAsync(Post, $"{models}/{v1}/release", api.QualityToken, Signer(), "rel-v1"))
        {
            Assert.Equal(200, (int)first.StatusCode);
            var firstBody = await first.Content.ReadAsStringAsync();
            var release = JsonNode.Parse(firstBody)!;
            Assert.Equal((v1, null, ApiFixture.QualityUser), ((string)release["release"]!["version"]!, (string?)release["release"]!["previous"], (string)release["release"]!["signature"]!["signer"]!));
            Assert.Contains("Approved", (string)release["manifestation"]!, StringComparison.Ordinal);
            using var retry = await api.SendAsync(Post, $"{models}/{v1}/release", api.QualityToken, Signer(), "rel-v1");
            Assert.Equal(200, (int)retry.StatusCode);
            Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
            Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        }

        // The running runtime took the release at once: its next case is decided by the champion.
        Assert.Equal(v1, await DecidedVersionAsync(Agent));
        var aliases = await api.CallAsync(Get, $"{models}/aliases", api.Operator);
        Assert.Equal(v1, (string)aliases.Body!["champion"]!);
        Assert.Null(aliases.Body["challenger"]);
        Assert.Equal(ApiFixture.QualityUser, (string)aliases.Body["release"]!["signature"]!["signer"]!);
        shown = await api.CallAsync(Get, $"{models}/{v1}", api.Operator);
        Assert.Equal(ApiFixture.QualityUser, (string)shown.Body!["signature"]!["releaseApproval"]!["signer"]!);
        Assert.Equal(["champion"], shown.Body["aliases"]!.AsArray().Select(a => (string)a!));

        var v2 = await RegisterAsync(Agent, parent: v1);
        var refused = await api.CallAsync(Post, $"{models}/{v2}/release", api.QualityToken, Signer());
        AssertProblem(refused, 409, "version");
        Assert.Contains($"no test-gate report against the champion {v1}", (string)refused.Body!["detail"]!, StringComparison.Ordinal);

        using (var key = SigningKey.LoadOrCreate(Path.Combine(api.DataFolder, "keys")))
        {
            await Registry(key).RecordGateAsync(new GateReport(Agent, v2, v1, [new GateCheck("holdout.accuracy", true, "0.95 >= 0.92")], TimeProvider.System.GetUtcNow()), "ml.eng");
        }

        shown = await api.CallAsync(Get, $"{models}/{v2}", api.Operator);
        Assert.Equal([v2, v1], shown.Body!["lineage"]!.AsArray().Select(l => (string)l!["version"]!));
        var gate = Assert.Single(shown.Body["testGates"]!.AsArray());
        Assert.Equal((v1, true, "holdout.accuracy"), ((string)gate!["against"]!, (bool)gate["passed"]!, (string)gate["checks"]![0]!["name"]!));
        var released = await api.CallAsync(Post, $"{models}/{v2}/release", api.QualityToken, Signer());
        Assert.Equal(200, released.Status);
        Assert.Equal(v1, (string)released.Body!["release"]!["previous"]!);
        Assert.Equal(v2, await DecidedVersionAsync(Agent));

        var rollback = await api.CallAsync(Post, $"{models}/rollback", api.MlToken, """{ "reason": "scrap rate rose on night shift" }""", "rb-1");
        Assert.Equal(200, rollback.Status);
        Assert.Equal(v1, (string)rollback.Body!["version"]!);
        Assert.Contains("scrap rate rose on night shift", (string)rollback.Body["reason"]!, StringComparison.Ordinal);
        var replay = await api.CallAsync(Post, $"{models}/rollback", api.MlToken, """{ "reason": "scrap rate rose on night shift" }""", "rb-1");
        Assert.Equal(rollback.Body.ToJsonString(), replay.Body!.ToJsonString());
        Assert.Equal(v1, (string)(await api.CallAsync(Get, $"{models}/aliases", api.Operator)).Body!["champion"]!);
        Assert.Equal(v1, await DecidedVersionAsync(Agent));

        var audit = await api.CallAsync(Get, $"/api/v1/audit?recordType=model_champion&recordId={Agent}", api.Auditor);
        Assert.Equal(["release", "release", "rollback"], audit.Body!["items"]!.AsArray().Select(e => (string)e!["action"]!));
        Assert.Superset(new HashSet<string> { "listModelVersions", "getModelVersion", "getModelAliases", "releaseModelVersion", "rollbackModel" }, api.Contract.Seen.ToHashSet());
    }

    [Fact]
    public async Task Release_EachKindOfBadInput_IsRefusedNamingTheField_AndNothingIsSigned()
    {
        const string Agent = ApiFixture.AutoAgent;
        var signed = await RegisterAsync(Agent);
        var unsigned = await RegisterAsync(Agent, sign: false);
        var release = $"/api/v1/agents/{Agent}/models/{signed}/release";

        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, """{ "userId": "qa.lead" }"""), 400, "password");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, """{ "password": "x" }"""), 400, "userId");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, """{ "userId": "qa.lead", "password": "x", "reason": "go" }"""), 400, "reason");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, Signer(meaning: "Reviewed")), 400, "meaning");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, Signer(meaning: "Blessed")), 400, "meaning");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, """{ "userId": 7, "password": "x" }"""), 400, "userId");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, "[1]"), 400, "body");
        AssertProblem(await api.CallAsync(Post, release, api.QualityToken, Signer(), contentType: "text/plain"), 415, "Content-Type");
        AssertProblem(await api.CallAsync(Post, $"/api/v1/agents/{Agent}/models/v99/release", api.QualityToken, Signer()), 404);
        AssertProblem(await api.CallAsync(Post, $"/api/v1/agents/{Agent}/models/{unsigned}/release", api.QualityToken, Signer()), 409);

        var wrongPassword = await api.CallAsync(Post, release, api.QualityToken, Signer(password: "not the password at all"));
        AssertProblem(wrongPassword, 403);
        Assert.Equal("Signature refused", (string)wrongPassword.Body!["title"]!);
        var notQuality = await api.CallAsync(Post, release, api.QualityToken, Signer(user: ApiFixture.OperatorUser));
        AssertProblem(notQuality, 403);
        Assert.Contains("ReleaseModel", (string)notQuality.Body!["detail"]!, StringComparison.Ordinal);

        AssertProblem(await api.CallAsync(Post, release, null, Signer()), 401);
        AssertProblem(await api.CallAsync(Post, release, api.Operator, Signer()), 403);
        AssertProblem(await api.CallAsync(Post, release, api.Line4Everything, Signer()), 404);

        var aliases = await api.CallAsync(Get, $"/api/v1/agents/{Agent}/models/aliases", api.Operator);
        Assert.Null(aliases.Body!["champion"]);
        var shown = await api.CallAsync(Get, $"/api/v1/agents/{Agent}/models/{signed}", api.Operator);
        Assert.Null(shown.Body!["signature"]!["releaseApproval"]);
        Assert.False((bool)(await api.CallAsync(Get, $"/api/v1/agents/{Agent}/models/{unsigned}", api.Operator)).Body!["signature"]!["signed"]!);
    }

    [Fact]
    public async Task Rollback_NothingToRollBack_BadInput_WrongRoleAndZone()
    {
        var rollback = $"/api/v1/agents/{ApiFixture.AutoAgent}/models/rollback";
        var nothing = await api.CallAsync(Post, rollback, api.MlToken, """{ "reason": "bad" }""");
        AssertProblem(nothing, 409, "version");
        Assert.Contains("no champion", (string)nothing.Body!["detail"]!, StringComparison.Ordinal);
        AssertProblem(await api.CallAsync(Post, rollback, api.MlToken, "{}"), 400, "reason");
        AssertProblem(await api.CallAsync(Post, rollback, api.MlToken, """{ "reason": " " }"""), 400, "reason");
        AssertProblem(await api.CallAsync(Post, rollback, api.MlToken, """{ "reason": "x", "to": "v1" }"""), 400, "to");
        AssertProblem(await api.CallAsync(Post, rollback, api.MlToken, """{ "reason": "x" }""", "bad key with spaces"), 400, "Idempotency-Key");
        AssertProblem(await api.CallAsync(Post, rollback, null, """{ "reason": "x" }"""), 401);
        AssertProblem(await api.CallAsync(Post, rollback, api.QualityToken, """{ "reason": "x" }"""), 403);
        AssertProblem(await api.CallAsync(Post, rollback, api.Line4Everything, """{ "reason": "x" }"""), 404);
    }

    [Fact]
    public async Task ReadRoutes_OtherZoneOrUnknown_Are404_BadPageIs400()
    {
        var models = $"/api/v1/agents/{ApiFixture.ApproveAgent}/models";
        foreach (var path in new[] { models, $"{models}/aliases", $"{models}/v1" })
        {
            AssertProblem(await api.CallAsync(Get, path, api.OtherLine), 404);
            AssertProblem(await api.CallAsync(Get, path, null), 401);
        }

        AssertProblem(await api.CallAsync(Get, "/api/v1/agents/nobody/models", api.Operator), 404);
        AssertProblem(await api.CallAsync(Get, $"{models}/v404", api.Operator), 404);
        AssertProblem(await api.CallAsync(Get, $"{models}?limit=0", api.Operator), 400, "limit");
        var empty = await api.CallAsync(Get, $"/api/v1/agents/{ApiFixture.ShadowAgent}/models", api.Line5Operator);
        Assert.Empty(empty.Body!["items"]!.AsArray());
        Assert.Null(empty.Body["nextCursor"]);
    }
}
