using System.Text.Json.Nodes;

namespace Rung.Server.Api;

/// <summary>
/// Builds the JSON Schema (2020-12, as OpenAPI 3.1 uses it) of request and response bodies. The subset is small on
/// purpose: type (a name or a name with "null"), properties, required, additionalProperties, items, enum, anyOf,
/// $ref to a component, and a few annotations (format, maxLength, minItems, maxItems). Every call returns new nodes,
/// so a schema can be placed in any document.
/// </summary>
internal static class ApiSchema
{
    public const string ComponentPrefix = "#/components/schemas/";

    public static JsonObject String(int? maxLength = null) => maxLength is { } max ? new() { ["type"] = "string", ["maxLength"] = max } : new() { ["type"] = "string" };

    public static JsonObject Integer() => new() { ["type"] = "integer" };

    public static JsonObject Number() => new() { ["type"] = "number" };

    public static JsonObject Boolean() => new() { ["type"] = "boolean" };

    public static JsonObject Time() => new() { ["type"] = "string", ["format"] = "date-time" };

    /// <summary>Any JSON value (a monitor's free-form picture, an object passed through).</summary>
    public static JsonObject Any() => [];

    public static JsonObject Enum<T>()
        where T : struct, System.Enum => Enum([.. System.Enum.GetNames<T>()]);

    public static JsonObject Enum(params string[] names) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. names.Select(n => (JsonNode?)n)]) };

    public static JsonObject Ref(string component) => new() { ["$ref"] = ComponentPrefix + component };

    /// <summary>The schema or null: a type list for a typed schema, anyOf otherwise.</summary>
    public static JsonObject Nullable(JsonObject schema)
    {
        if (schema["type"] is JsonValue type && type.TryGetValue<string>(out var name))
        {
            schema["type"] = new JsonArray(name, "null");
            if (schema["enum"] is JsonArray values)
            {
                values.Add(null);
            }

            return schema;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
    }

    public static JsonObject Array(JsonObject items, int? minItems = null, int? maxItems = null)
    {
        var schema = new JsonObject { ["type"] = "array", ["items"] = items };
        if (minItems is { } min)
        {
            schema["minItems"] = min;
        }

        if (maxItems is { } max)
        {
            schema["maxItems"] = max;
        }

        return schema;
    }

    /// <summary>An object whose keys are free (feature names, evidence lines) and whose values follow <paramref name="values"/>.</summary>
    public static JsonObject Map(JsonObject values) => new() { ["type"] = "object", ["additionalProperties"] = values };

    /// <summary>An object with exactly these properties (unknown ones are an error, as the API treats them).</summary>
    public static JsonObject Object(params IEnumerable<Property> properties) => Object(open: false, properties);

    /// <summary>An object with these properties; <paramref name="open"/> allows others.</summary>
    public static JsonObject Object(bool open, params IEnumerable<Property> properties)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var p in properties)
        {
            props[p.Name] = p.Schema;
            if (p.Required)
            {
                required.Add(p.Name);
            }
        }

        return new JsonObject { ["type"] = "object", ["properties"] = props, ["required"] = required, ["additionalProperties"] = open };
    }

    /// <summary>A page of <paramref name="item"/> components.</summary>
    public static JsonObject Page(string item) => Object(Req("items", Array(Ref(item))), Req("nextCursor", Nullable(String())));

    public static Property Req(string name, JsonObject schema) => new(name, schema, true);

    public static Property Opt(string name, JsonObject schema) => new(name, schema, false);

    /// <summary>One property of an object schema.</summary>
    internal readonly record struct Property(string Name, JsonObject Schema, bool Required);
}
