using System.Text.Json.Nodes;

namespace Rung.Server.Api;

/// <summary>What a handler answers: a status and a JSON body (null for none).</summary>
internal sealed record ApiResult(int Status, JsonNode? Body)
{
    public static ApiResult Ok(JsonNode body) => new(200, body);

    public static ApiResult Created(JsonNode body) => new(201, body);
}
