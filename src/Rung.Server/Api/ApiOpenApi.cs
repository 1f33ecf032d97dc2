using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rung.Server.Api;

/// <summary>
/// The OpenAPI 3.1 document, built from the same endpoint table the routes are mapped from, so every route is
/// described and nothing described is missing.
/// </summary>
internal static partial class ApiOpenApi
{
    /// <summary>The document of <paramref name="endpoints"/>, with <paramref name="schemas"/> as its components.</summary>
    public static JsonObject Build(IReadOnlyList<ApiEndpoint> endpoints, IEnumerable<(string Name, JsonObject Schema)> schemas)
    {
        var components = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            components.Add(name, schema);
        }

        var paths = new JsonObject();
        foreach (var group in endpoints.GroupBy(e => e.Pattern))
        {
            var item = new JsonObject();
            foreach (var e in group)
            {
                item[e.Method.ToLowerInvariant()] = Operation(e);
            }

            paths[group.Key] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Rung API",
                ["version"] = "v1",
                ["description"] = "Cases, outcomes, approvals, exceptions, alarms, the audit trail, the model registry and the go/no-go gates of the agents a Rung server runs. " +
                    "Errors are RFC 9457 problem documents; retryable writes take an Idempotency-Key header; lists page with an opaque cursor.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "An API token from `rung user token create`." } },
                ["schemas"] = components,
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    private static JsonObject Operation(ApiEndpoint e)
    {
        var parameters = new JsonArray();
        foreach (Match m in PathParameter().Matches(e.Pattern))
        {
            parameters.Add(new JsonObject { ["name"] = m.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var q in e.Query ?? [])
        {
            parameters.Add(new JsonObject { ["name"] = q, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = q == "limit" ? "integer" : "string" } });
        }

        if (e.Retryable)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "Idempotency-Key",
                ["in"] = "header",
                ["required"] = false,
                ["description"] = "Same key and same request: the stored response is replayed. Same key, different request: 422.",
                ["schema"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 },
            });
        }

        var responses = new JsonObject();
        foreach (var status in e.OperationId == "submitCase" ? ["201", "200"] : new[] { "200" })
        {
            responses[status] = new JsonObject
            {
                ["description"] = status == "201" ? "Created" : "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ApiSchema.Ref(e.Response ?? throw Missing(e, "response")) } },
            };
        }

        var problems = new List<string>();
        if (!e.Anonymous)
        {
            problems.AddRange(["400", "401", "403", "404"]);
        }

        if (e.HasBody)
        {
            problems.AddRange(["409", "413", "415"]);
        }
        else if (e.Tag == "gates")
        {
            // The gate is computed from the agent's use case: an agent this server does not run has none here.
            problems.Add("409");
        }

        if (e.Retryable)
        {
            problems.Add("422");
        }

        foreach (var status in problems)
        {
            responses[status] = new JsonObject
            {
                ["description"] = "Problem",
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } },
            };
        }

        var operation = new JsonObject
        {
            ["operationId"] = e.OperationId,
            ["tags"] = new JsonArray(e.Tag),
            ["summary"] = e.Summary,
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
        if (e.HasBody)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ApiSchema.Ref(e.Request ?? throw Missing(e, "request")) } },
            };
        }

        if (e.Anonymous)
        {
            operation["security"] = new JsonArray();
        }

        return operation;
    }

    private static InvalidOperationException Missing(ApiEndpoint e, string what) => new($"{e.Method} {e.Pattern} ({e.OperationId}) names no {what} schema.");

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PathParameter();
}
