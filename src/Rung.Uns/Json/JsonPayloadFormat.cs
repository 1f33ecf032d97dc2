namespace Rung.Uns.Json;

/// <summary>The field names of plain JSON tag payloads such as <c>{"value": 21.5, "timestamp": 1700000000000, "quality": "good"}</c>.</summary>
/// <param name="ValueField">The value's field. Default <c>value</c>.</param>
/// <param name="TimestampField">The source time's field: epoch milliseconds or ISO 8601 text. Default <c>timestamp</c>.</param>
/// <param name="QualityField">The quality's field: true/false, "good"/"bad"/"stale", or an OPC-style code (192 and up good). Default <c>quality</c>.</param>
public sealed record JsonPayloadFormat(string ValueField = "value", string TimestampField = "timestamp", string QualityField = "quality")
{
    /// <summary>The default field names.</summary>
    public static JsonPayloadFormat Default { get; } = new();
}
