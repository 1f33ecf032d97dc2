using System.Text.Json.Serialization;
using Rung.Governance.Audit;

namespace Rung.Governance;

/// <summary>Source-generated JSON for governance files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckpointFile.Line), TypeInfoPropertyName = "CheckpointLine")]
internal sealed partial class GovernanceJsonContext : JsonSerializerContext;
