using System.Text.Json.Serialization;

namespace Rung.Runtime.Notifications;

/// <summary>Source-generated JSON for <see cref="PageMessage"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PageMessage))]
public sealed partial class PageMessageContext : JsonSerializerContext;
