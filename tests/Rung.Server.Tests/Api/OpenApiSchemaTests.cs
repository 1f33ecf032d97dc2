using System.Text.Json.Nodes;

namespace Rung.Server.Tests.Api;

/// <summary>
/// The OpenAPI document describes every body: each operation's request and 2xx response is a component schema, each
/// problem is the Problem schema, and every schema keeps to the subset <see cref="SchemaValidator"/> checks. Real
/// answers are validated against them by every call the API tests make (<see cref="ApiFixture.CallAsync"/>).
/// </summary>
public sealed class OpenApiSchemaTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void EveryOperation_HasComponentSchemasForItsRequestAndEveryResponse()
    {
        var document = api.Contract.Document;
        var components = document["components"]!["schemas"]!.AsObject();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                operations++;
                var where = $"{method} {path}";
                if (operation!["requestBody"] is { } body)
                {
                    AssertComponent(body["content"]!["application/json"]!["schema"], components, where + " request");
                }
                else
                {
                    Assert.True(method == "get", $"{where} has no request body schema");
                }

                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
                foreach (var (status, response) in responses)
                {
                    var content = response!["content"]!.AsObject().Single();
                    Assert.Equal(status.StartsWith('2') ? "application/json" : "application/problem+json", content.Key);
                    AssertComponent(content.Value!["schema"], components, $"{where} {status}");
                }
            }
        }

        Assert.Equal(37, operations);
    }

    [Fact]
    public void EverySchema_KeepsToTheValidatedSubset_AndEveryRefResolves()
    {
        var document = api.Contract.Document;
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            Walk(schema!, document, name);
        }
    }

    [Fact]
    public void Validator_RefusesWrongTypesMissingAndUnknownFieldsAndBadEnums()
    {
        var document = api.Contract.Document;
        var alarm = JsonNode.Parse("""{ "$ref": "#/components/schemas/Alarm" }""")!;
        var good = new JsonObject
        {
            ["alarmId"] = "A1", ["agentId"] = "a", ["rule"] = "r", ["key"] = "k", ["severity"] = "Page", ["title"] = "t",
            ["evidence"] = new JsonObject { ["x"] = "1" }, ["runbook"] = "", ["owner"] = "o", ["raisedAt"] = "2026-03-02T07:00:00Z",
            ["state"] = "Open", ["acknowledgedBy"] = null, ["acknowledgedAt"] = null, ["comment"] = null,
        };
        var severity = document["components"]!["schemas"]!["Alarm"]!["properties"]!["severity"]!["enum"]!.AsArray();
        good["severity"] = (string)severity[0]!;
        Assert.Empty(SchemaValidator.Validate(good, alarm, document));

        var wrong = good.DeepClone().AsObject();
        wrong["raisedAt"] = 5;
        wrong.Remove("title");
        wrong["extra"] = true;
        wrong["state"] = "Sideways";
        wrong["evidence"] = new JsonObject { ["x"] = 1 };
        var problems = SchemaValidator.Validate(wrong, alarm, document);
        Assert.Contains(problems, p => p.Contains("$.raisedAt: is integer, expected string", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("required property 'title' is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("property 'extra' is not in the schema", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"Sideways\" is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("$.evidence.x: is integer, expected string", StringComparison.Ordinal));
    }

    private static void AssertComponent(JsonNode? schema, JsonObject components, string where)
    {
        var reference = (string?)schema?["$ref"];
        Assert.True(reference is not null, $"{where}: the schema is not a component reference");
        Assert.True(components.ContainsKey(reference!["#/components/schemas/".Length..]), $"{where}: {reference} is not a component");
    }

    private static void Walk(JsonNode schema, JsonNode document, string path)
    {
        var obj = schema.AsObject();
        foreach (var (keyword, value) in obj)
        {
            Assert.True(SchemaValidator.Keywords.Contains(keyword), $"{path}: '{keyword}' is outside the validated subset");
            switch (keyword)
            {
                case "$ref":
                    Assert.NotNull(document["components"]!["schemas"]![((string)value!)["#/components/schemas/".Length..]]);
                    break;
                case "properties":
                    foreach (var (name, child) in value!.AsObject())
                    {
                        Walk(child!, document, $"{path}.{name}");
                    }

                    break;
                case "items":
                    Walk(value!, document, path + "[]");
                    break;
                case "additionalProperties" when value is JsonObject:
                    Walk(value, document, path + ".*");
                    break;
                case "anyOf":
                    foreach (var branch in value!.AsArray())
                    {
                        Walk(branch!, document, path + "|");
                    }

                    break;
            }
        }
    }
}
