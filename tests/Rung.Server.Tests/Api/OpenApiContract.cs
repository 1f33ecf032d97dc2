using System.Text.Json.Nodes;

namespace Rung.Server.Tests.Api;

/// <summary>
/// Holds the served OpenAPI document and checks real exchanges against it: the operation a request reached, the
/// status it answered (which must be documented), the body against the documented schema of that status, and a
/// request body the server accepted against the request schema. Remembers which operations were seen.
/// </summary>
internal sealed class OpenApiContract(JsonNode document)
{
    private readonly HashSet<string> _seen = [];
    private readonly Lock _lock = new();

    public JsonNode Document => document;

    public IReadOnlyCollection<string> Seen
    {
        get
        {
            lock (_lock)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>The problems of one exchange; empty when it keeps to the document (or reached no documented route).</summary>
    public List<string> Check(HttpMethod method, string url, string? requestJson, int status, JsonNode? body)
    {
        var (template, operation) = Find(method, url);
        if (operation is null)
        {
            return [];
        }

        var where = $"{method} {template} -> {status}";
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response is null)
        {
            return [$"{where}: status {status} is not documented"];
        }

        var problems = new List<string>();
        var content = response["content"]?.AsObject().FirstOrDefault().Value;
        if (content?["schema"] is { } schema)
        {
            problems.AddRange(SchemaValidator.Validate(body, schema, document).Select(p => $"{where} response {p}"));
        }

        if (status is >= 200 and < 300 && requestJson is not null && operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } requestSchema)
        {
            problems.AddRange(SchemaValidator.Validate(JsonNode.Parse(requestJson), requestSchema, document).Select(p => $"{where} accepted request {p}"));
        }

        if (problems.Count == 0 && status is >= 200 and < 300)
        {
            lock (_lock)
            {
                _seen.Add((string)operation["operationId"]!);
            }
        }

        return problems;
    }

    /// <summary>The documented route a concrete path matches, literal segments winning over parameters.</summary>
    public (string? Template, JsonNode? Operation) Find(HttpMethod method, string url)
    {
        var segments = url.Split('?')[0].Split('/');
        var best = (Template: (string?)null, Operation: (JsonNode?)null, Literals: -1);
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var parts = template.Split('/');
            if (parts.Length != segments.Length || item?[method.Method.ToLowerInvariant()] is not { } operation)
            {
                continue;
            }

            var literals = 0;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                if (parts[i].StartsWith('{'))
                {
                    continue;
                }

                matches = parts[i] == segments[i];
                literals++;
            }

            if (matches && literals > best.Literals)
            {
                best = (template, operation, literals);
            }
        }

        return (best.Template, best.Operation);
    }
}
