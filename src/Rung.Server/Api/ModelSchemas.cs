using System.Text.Json.Nodes;
using Rung.Governance.Signatures;
using static Rung.Server.Api.ApiSchema;

namespace Rung.Server.Api;

/// <summary>The component schemas of the model registry routes (<see cref="ModelsApi"/>).</summary>
internal static class ModelSchemas
{
    public static IEnumerable<(string Name, JsonObject Schema)> All() =>
    [
        ("ModelVersion", Object(Summary())),
        ("ModelVersionPage", Page("ModelVersion")),
        ("ModelVersionDetail", Object([
            .. Summary(),
            Req("configuration", Object(Req("kind", String()), Req("entry", String()), Req("arguments", Array(String())), Req("timeoutMs", Nullable(Integer())))),
            Req("lineage", Array(Object(
                Req("version", String()), Req("parent", Nullable(String())), Req("datasetId", Nullable(String())), Req("datasetSha256", Nullable(String())),
                Req("codeVersion", Nullable(String())), Req("trigger", Nullable(String())), Req("parameters", Map(String())), Req("metrics", Map(Number())),
                Req("registeredBy", String()), Req("registeredAt", Time())))),
            Req("signature", Object(
                Req("signed", Boolean()), Req("manifestSha256", Nullable(String())), Req("signedAt", Nullable(Time())), Req("verified", Boolean()),
                Req("problems", Array(String())), Req("releaseApproval", Nullable(Ref("ReleaseSignature"))))),
            Req("testGates", Array(Object(
                Req("against", Nullable(String())), Req("passed", Boolean()), Req("at", Time()),
                Req("checks", Array(Object(Req("name", String()), Req("passed", Boolean()), Req("detail", String()))))))),
        ])),
        ("ReleaseSignature", Object(
            Req("signer", String()), Req("printedName", String()), Req("meaning", Enum<SignatureMeaning>()), Req("signedAt", Time()), Req("manifestSha256", String()))),
        ("ReleaseRecord", Object(
            Req("version", String()), Req("previous", Nullable(String())), Req("manifestSha256", String()), Req("signature", Nullable(Ref("ReleaseSignature"))),
            Req("at", Time()), Req("probationUntil", Nullable(Time())), Req("reason", Nullable(String())))),
        ("ModelAliases", Object(Req("champion", Nullable(String())), Req("challenger", Nullable(String())), Req("release", Nullable(Ref("ReleaseRecord"))))),
        ("ReleaseRequest", Object(
            Req("userId", String(ApiFields.MaxIdLength)), Req("password", String(ApiFields.MaxTextLength)), Opt("meaning", Enum(nameof(SignatureMeaning.Approved))))),
        ("ModelRelease", Object(Req("release", Ref("ReleaseRecord")), Req("signatureId", String()), Req("manifestation", String()))),
        ("RollbackRequest", Object(Req("reason", String(ApiFields.MaxTextLength)))),
    ];

    private static Property[] Summary() =>
    [
        Req("agentId", String()), Req("version", String()), Req("kind", String()), Req("parent", Nullable(String())), Req("registeredBy", String()),
        Req("registeredAt", Time()), Req("signed", Boolean()), Req("manifestSha256", Nullable(String())), Req("aliases", Array(String())),
    ];
}
