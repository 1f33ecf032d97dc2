using System.Text.Json.Nodes;
using Rung.Core.Ladder;
using static Rung.Server.Api.ApiSchema;

namespace Rung.Server.Edge;

/// <summary>
/// The OpenAPI components of the edge routes. A journal entry is described by its keys and their types; its nested
/// parts (action, exception items) stay open, because JournalWire owns their shape and reads them strictly itself.
/// </summary>
internal static class EdgeSchemas
{
    public static IEnumerable<(string Name, JsonObject Schema)> All() =>
    [
        ("EdgeJournalBatch", Object(Req("entries", Array(Ref("EdgeJournalEntry"), maxItems: Api.RungApi.MaxBatch)))),
        ("EdgeJournalEntry", Object(open: true,
            Req("seq", Integer()), Req("caseId", String()), Req("agentId", String()), Req("occurredAt", Integer()), Req("decidedAt", Integer()),
            Req("stage", Enum<Stage>()), Req("features", Map(Any())), Req("flags", Array(Any())), Req("action", Any()),
            Req("confidence", Nullable(Number())), Req("ood", Boolean()), Req("severity", String()), Req("explanation", Array(Any())),
            Req("modelVersion", String()), Req("latencyTicks", Integer()), Req("disposition", String()), Req("reasons", Array(String())),
            Opt("blockedBy", Nullable(String())), Opt("exception", Any()), Opt("deliveredAt", Nullable(Integer())), Opt("actionException", Any()))),
        ("EdgeJournalReceipt", Object(Req("stored", Integer()), Req("received", Integer()))),
        ("EdgeHeartbeat", Object(open: true,
            Req("edgeId", String()), Req("sentAt", Time()), Req("bufferDepth", Integer()), Req("forwardingLag", String()),
            Req("modelVersion", String()), Req("stopped", Boolean()))),
        ("EdgeServerTime", Object(Req("serverTime", Time()))),
        ("EdgeConfiguration", Object(Req("agents", Array(Object(
            Req("agentId", String()), Req("scope", String()), Req("version", Integer()), Req("stage", Enum<Stage>()), Req("useCaseYaml", String())))))),
        ("EdgeStops", Object(Req("stops", Array(Object(open: true,
            Req("id", Integer()), Req("scope", String()), Req("stopped", Boolean()), Req("at", Time()), Req("actor", String()),
            Req("reason", String()), Req("origin", String()), Opt("remoteId", Nullable(Integer()))))))),
        ("EdgeStopRequest", Object(Req("scope", String()), Req("reason", String()), Opt("stopped", Boolean()))),
        ("EdgeStopReceipt", Object(Req("id", Integer()), Req("scope", String()), Req("stopped", Boolean()))),
        ("EdgeHealthList", Object(Req("edges", Array(Object(
            Req("edgeId", String()), Req("zone", String()), Req("lastHeartbeat", Time()), Req("bufferDepth", Integer()),
            Req("forwardingLagSeconds", Number()), Req("modelVersion", String()), Req("clockSkewSeconds", Number()), Req("stopped", Boolean())))),
            Opt("ingest", Object(
                Req("batches", Integer()), Req("entries", Integer()), Req("stored", Integer()), Req("routeSeconds", Number()), Req("storeSeconds", Number()))))),
        .. EdgeVerdictsApi.Schemas(),
        .. EdgeModelApi.Schemas(),
    ];
}
